// The counter page keeps itself current: the office's event stream (the one the call display
// reads) sends a "queue" event when today's queue changed; the page then fetches itself again
// and swaps in the parts marked data-live-region. A part that holds the focus (a button the
// clerk is on) waits until the focus leaves it; the check-in form is no such part, so what a
// clerk is typing stays. Once a form is sent, the page is leaving: nothing is swapped any more.
(function () {
    'use strict';

    var root = document.querySelector('[data-counter-live]');
    if (!root || !window.EventSource || !window.fetch || !window.DOMParser) {
        return;
    }

    var eventsUrl = root.getAttribute('data-events');
    var pageUrl = root.getAttribute('data-page');
    var source = null;
    var backoff = 1000;
    var loading = false;
    var again = false;
    var held = false;
    var leaving = false;

    function holdsFocus(region) {
        return region.contains(document.activeElement) && document.activeElement !== document.body;
    }

    function swap(html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        held = false;
        Array.prototype.forEach.call(document.querySelectorAll('[data-live-region]'), function (region) {
            var replacement = fresh.getElementById(region.id);
            if (!replacement) {
                return;
            }

            if (holdsFocus(region)) {
                held = true;
                return;
            }

            region.replaceWith(document.importNode(replacement, true));
        });
        var freshRoot = fresh.querySelector('[data-counter-live]');
        if (freshRoot && !held) {
            root.setAttribute('data-events', freshRoot.getAttribute('data-events'));
        }
    }

    function refresh() {
        if (leaving) {
            return;
        }

        if (loading) {
            again = true;
            return;
        }

        loading = true;
        fetch(pageUrl, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
            .then(function (response) {
                if (!response.ok || response.redirected) {
                    throw new Error('The counter page answered ' + response.status);
                }

                return response.text();
            })
            .then(function (html) {
                if (!leaving) {
                    swap(html);
                }
            })
            .catch(function () {
                // Signed out or offline: the page stays as it is; "Aktualisieren" still works.
            })
            .then(function () {
                loading = false;
                if (again) {
                    again = false;
                    refresh();
                }
            });
    }

    function connect() {
        source = new EventSource(root.getAttribute('data-events'));
        source.addEventListener('open', function () {
            backoff = 1000;
        });
        source.addEventListener('queue', refresh);
        source.addEventListener('error', function () {
            if (source.readyState === EventSource.CLOSED && !leaving) {
                source.close();
                window.setTimeout(connect, backoff);
                backoff = Math.min(backoff * 2, 60000);
            }
        });
    }

    // A part skipped because it held the focus is brought up to date once the focus leaves it.
    document.addEventListener('focusout', function () {
        if (held) {
            window.setTimeout(function () {
                if (held) {
                    refresh();
                }
            }, 0);
        }
    });

    document.addEventListener('submit', function () {
        leaving = true;
        if (source) {
            source.close();
        }
    });

    connect();
}());
