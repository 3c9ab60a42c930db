// The demo portal: a hosting company's customer area that embeds the tickets page the way
// README.md's "Embedding" section says. Its back end (the reference server's portal origin)
// gives it the signed-in customer's credentials at /portal-api/credentials; getToken() passes
// them on, and the widget's events are listed beside it.
//
//   ?app=ORIGIN       where the tickets page lives (default: this host, the port just below)
//   ?handover=key     hand over the e-mail and API key instead of the bearer token
//   ?lang=fr  ?theme=dark  ?ticket=101   passed on to the widget
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var log = document.getElementById('event-log');

  var note = function (words) {
    var item = document.createElement('li');
    var time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString([], { hour12: false });
    item.appendChild(time);
    item.appendChild(document.createTextNode(' ' + words));
    log.insertBefore(item, log.firstChild);
  };

  var fail = function (words) {
    var box = document.getElementById('widget-error');
    box.textContent = words;
    box.hidden = false;
  };

  // The tickets page's origin: ?app= when it is an exact http(s) origin, else the port below.
  var appOrigin = function () {
    var given = params.get('app');
    if (given) {
      try {
        if (/^https?:$/.test(new URL(given).protocol) && new URL(given).origin === given) {
          return given;
        }
      } catch (e) {}
      fail('?app= must be an origin such as http://127.0.0.1:8080');
      return '';
    }
    return location.protocol + '//' + location.hostname + ':' + (Number(location.port) - 1);
  };

  // What the portal's back end says about the signed-in customer (fetched each time: a token
  // may have been renewed since).
  var credentials = function () {
    return fetch('/portal-api/credentials', { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('the portal could not give credentials');
        return response.json();
      });
  };

  var handover = params.get('handover') === 'key' ? 'key' : 'token';
  var getToken = function () {
    return credentials().then(function (customer) {
      note(handover === 'key' ? 'handed over the e-mail and API key' : 'handed over a token');
      return handover === 'key' ? { email: customer.email, key: customer.key } : customer.token;
    });
  };

  // The header shows who is signed in to the portal.
  credentials().then(function (customer) {
    document.getElementById('account-email').textContent = customer.email;
    document.getElementById('account-initial').textContent =
      (customer.email || '?').charAt(0).toUpperCase();
  }, function () {});

  var origin = appOrigin();
  if (!origin) return;
  var script = document.createElement('script');
  script.src = origin + '/embed.js';
  script.onerror = function () {
    fail('The tickets page at ' + origin + ' could not be reached.');
  };
  script.onload = function () {
    var element = document.getElementById('tickets');
    ['tickets:ready', 'tickets:opened', 'tickets:replied', 'tickets:closed'].forEach(
      function (type) {
        element.addEventListener(type, function (event) {
          note(type + (event.detail && event.detail.id ? ' #' + event.detail.id : ''));
        });
      });
    window.TicketsEmbed.mount(element, {
      src: origin + '/',
      lang: params.get('lang') || document.documentElement.lang,
      theme: params.get('theme') || undefined,
      ticket: params.get('ticket') || undefined,
      getToken: getToken,
    });
  };
  document.head.appendChild(script);
})();
