// Optional comfort for the kiosk; every screen works without it.
(function () {
    "use strict";

    // A print button only where printing can be started.
    document.querySelectorAll("[data-kiosk-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // A ticket or check-in left on screen goes back to the start after two quiet minutes, so the
    // next walk-in does not find someone else's screen. Any touch or key restarts the wait.
    var returnTo = document.body.getAttribute("data-return-to");
    if (!returnTo || returnTo.charAt(0) !== "/" || returnTo.charAt(1) === "/") {
        return;
    }

    var timer;
    var restart = function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { window.location.assign(returnTo); }, 120000);
    };
    ["pointerdown", "keydown", "scroll"].forEach(function (name) {
        document.addEventListener(name, restart, { passive: true });
    });
    restart();
})();
