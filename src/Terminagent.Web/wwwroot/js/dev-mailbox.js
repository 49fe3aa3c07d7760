// The development mailbox's list keeps itself current: every few seconds it fetches the page
// again and swaps in the list, unless the focus is in it (a link the reader is on) or the tab is
// hidden. Without script, a meta refresh in a noscript element reloads the page instead.
(function () {
    'use strict';

    var list = document.querySelector('[data-mailbox-list]');
    if (!list || !window.fetch || !window.DOMParser) {
        return;
    }

    var seconds = Number(list.getAttribute('data-refresh-seconds')) || 10;

    function refresh() {
        var current = document.querySelector('[data-mailbox-list]');
        if (document.hidden || current.contains(document.activeElement)) {
            return;
        }

        fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('The mailbox answered ' + response.status);
                }

                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-mailbox-list]');
                var now = document.querySelector('[data-mailbox-list]');
                if (fresh && now && !now.contains(document.activeElement)) {
                    now.replaceWith(document.importNode(fresh, true));
                }
            })
            .catch(function () {
                // The app is restarting: the next round tries again.
            });
    }

    window.setInterval(refresh, seconds * 1000);
}());
