// Solves the proof-of-work challenge of a booking or wish form in the background: finds a nonce
// such that SHA-256(challenge + nonce) starts with the given number of zero bits, and writes it
// into the form. Without this script (or without crypto.subtle) the form still works: the server
// then accepts it after a short wait, which the page's sentence explains.
(function () {
  "use strict";

  function leadingZeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) { bits += 8; continue; }
      return bits + Math.clz32(b) - 24;
    }
    return bits;
  }

  function solve(challenge, difficulty) {
    var encoder = new TextEncoder();
    var batch = 256;
    var next = 0;
    // A batch of hashes at a time, then back to the browser: the page stays responsive.
    function round() {
      var start = next;
      next += batch;
      var tries = [];
      for (var n = start; n < next; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + n)));
      }
      return Promise.all(tries).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) {
          if (leadingZeroBits(new Uint8Array(hashes[i])) >= difficulty) {
            return String(start + i);
          }
        }
        return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(round);
      });
    }
    return round();
  }

  function start(box) {
    var form = box.closest("form");
    var challenge = form && form.querySelector("input[name='challenge']");
    var nonce = form && form.querySelector("input[name='nonce']");
    var status = box.querySelector("[role='status']");
    if (!form || !challenge || !nonce || !status || !window.crypto || !crypto.subtle || !window.TextEncoder) {
      return;
    }

    var solved = false;
    var sendWhenSolved = false;
    var submitter = null;
    var withoutScript = status.textContent;
    status.textContent = box.getAttribute("data-pow-working");

    form.addEventListener("submit", function (event) {
      if (solved) { return; }
      event.preventDefault();
      sendWhenSolved = true;
      submitter = event.submitter || null;
      status.textContent = box.getAttribute("data-pow-waiting");
    });

    solve(challenge.value, parseInt(box.getAttribute("data-pow-difficulty"), 10) || 0).then(function (found) {
      nonce.value = found;
      solved = true;
      status.textContent = box.getAttribute("data-pow-done");
      if (sendWhenSolved) {
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      }
    }, function () {
      // crypto.subtle refused (e.g. not a secure context): the wait without script applies.
      solved = true;
      status.textContent = withoutScript;
      if (sendWhenSolved) { form.submit(); }
    });
  }

  document.querySelectorAll(".proof-of-work").forEach(start);
})();
