// The call display: receives calls as Server-Sent Events and shows them without reloading.
// EventSource reconnects by itself and resumes after the last event id; if it gives up (the
// server answered with an error), a new one is opened with growing pauses.
(function () {
    'use strict';

    var root = document.querySelector('[data-call-display]');
    if (!root || !window.EventSource) {
        return;
    }

    var shown = 8;
    var eventsUrl = root.getAttribute('data-events');
    var lastId = Number(root.getAttribute('data-last-id')) || 0;
    var toWord = root.getAttribute('data-to') || '';
    var latest = document.getElementById('latest');
    var previous = document.getElementById('previous');
    var connection = document.getElementById('connection');
    var chime = document.getElementById('chime');
    var source = null;
    var backoff = 1000;
    var audio = null;
    var soundOn = false;

    function entry(tag, call) {
        var element = document.createElement(tag);
        element.setAttribute('data-visit', call.visitId);
        var label = document.createElement('span');
        label.className = 'label';
        label.textContent = call.label;
        var arrow = document.createElement('span');
        arrow.className = 'arrow';
        arrow.setAttribute('aria-hidden', 'true');
        arrow.textContent = '→';
        var hidden = document.createElement('span');
        hidden.className = 'visually-hidden';
        hidden.textContent = toWord;
        var counter = document.createElement('span');
        counter.className = 'counter';
        counter.textContent = call.counterName;
        element.append(label, ' ', arrow, hidden, ' ', counter);
        return element;
    }

    function show(call) {
        var current = latest.querySelector('.call');
        if (current && current.getAttribute('data-visit') !== call.visitId) {
            var moved = document.createElement('li');
            moved.setAttribute('data-visit', current.getAttribute('data-visit'));
            moved.append.apply(moved, Array.prototype.slice.call(current.childNodes));
            previous.insertBefore(moved, previous.firstChild);
        }

        // A recalled citizen appears once, at the top.
        Array.prototype.forEach.call(previous.querySelectorAll('li'), function (item) {
            if (item.getAttribute('data-visit') === call.visitId) {
                item.remove();
            }
        });
        while (previous.children.length > shown) {
            previous.lastElementChild.remove();
        }

        var newest = entry('p', call);
        newest.className = 'call';
        latest.replaceChildren(newest);
        var section = latest.closest('.latest');
        section.classList.remove('fresh');
        void section.offsetWidth;
        section.classList.add('fresh');
        beep();
    }

    function beep() {
        if (!audio || !soundOn) {
            return;
        }

        var start = audio.currentTime + 0.02;
        [880, 660].forEach(function (frequency, i) {
            var at = start + i * 0.28;
            var tone = audio.createOscillator();
            var volume = audio.createGain();
            tone.type = 'sine';
            tone.frequency.value = frequency;
            volume.gain.setValueAtTime(0.0001, at);
            volume.gain.exponentialRampToValueAtTime(0.35, at + 0.03);
            volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
            tone.connect(volume);
            volume.connect(audio.destination);
            tone.start(at);
            tone.stop(at + 0.27);
        });
    }

    function setConnected(connected) {
        connection.hidden = connected;
    }

    function connect() {
        var separator = eventsUrl.indexOf('?') < 0 ? '?' : '&';
        source = new EventSource(eventsUrl + separator + 'after=' + encodeURIComponent(String(lastId)));
        source.addEventListener('open', function () {
            setConnected(true);
            backoff = 1000;
        });
        source.addEventListener('call', function (message) {
            var call = JSON.parse(message.data);
            if (call.id <= lastId) {
                return;
            }

            lastId = call.id;
            show(call);
        });
        source.addEventListener('error', function () {
            setConnected(false);
            if (source.readyState === EventSource.CLOSED) {
                source.close();
                window.setTimeout(connect, backoff);
                backoff = Math.min(backoff * 2, 60000);
            }
        });
    }

    // A screen left on overnight starts the new day empty; the stream sends only today's calls.
    var day = new Date().toDateString();
    window.setInterval(function () {
        var today = new Date().toDateString();
        if (today !== day) {
            day = today;
            var note = document.createElement('p');
            note.className = 'waiting-note';
            note.textContent = root.getAttribute('data-empty');
            latest.replaceChildren(note);
            previous.replaceChildren();
        }
    }, 60000);

    // Browsers play sound only after a click on the page.
    if (chime && (window.AudioContext || window.webkitAudioContext)) {
        chime.hidden = false;
        chime.addEventListener('click', function () {
            if (!audio) {
                audio = new (window.AudioContext || window.webkitAudioContext)();
            }

            audio.resume();
            soundOn = !soundOn;
            chime.classList.toggle('on', soundOn);
            chime.textContent = root.getAttribute(soundOn ? 'data-sound-on' : 'data-sound-off');
            beep();
        });
    }

    connect();
}());
