// embed.js: puts the tickets page into a portal's page (README.md, "Embedding"). Served at a
// stable address next to index.html, never content-hashed: portals load it by name.
//
//   <script src="https://tickets.example/embed.js" defer></script>
//   <div data-tickets-src="https://tickets.example/" data-tickets-lang="fr"></div>
//
// or TicketsEmbed.mount(element, { src, lang, theme, ticket, getToken, title, minHeight,
// maxHeight }) → { open(id), destroy(), frame }.
//
// It makes the iframe, keeps its height fitted to what the page shows (the page says how tall it
// needs to be), hands the page credentials when it asks (what getToken() returns: a token string
// or { email, key }), and re-dispatches what happens inside as DOM events on the element:
// tickets:ready, and tickets:opened, tickets:replied, tickets:closed with { detail: { id } }.
// Messages go to the page's exact origin (the one in src) and are taken only from that frame
// at that origin. Credentials pass through in memory only, and are never logged.
(function () {
  'use strict';
  if (window.TicketsEmbed) return; // loaded twice: the first one stays

  // Without a src, the page is the one this script came from.
  var script = document.currentScript;
  var defaultSrc = script && script.src ? new URL('./', script.src).href : '';

  // The least the page needs: its scripts, its own origin (for its API calls, drafts and
  // messages; without it the origin is opaque and nothing works), and links in messages opening
  // in a new tab as ordinary pages. Not granted: navigating the portal's page, forms, modals,
  // downloads, and every permission (camera, geolocation, ...), since `allow` is left out.
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  var TITLES = { en: 'Support tickets', fr: 'Tickets d\'assistance' };
  var EVENTS = ['tickets:opened', 'tickets:replied', 'tickets:closed'];
  var DEFAULT_MIN_HEIGHT = 400;

  var warn = function (words) { console.warn('tickets embed: ' + words); };

  var positiveInteger = function (value) {
    var number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0
      ? number : 0;
  };

  var pixels = function (value, fallback) {
    var number = Number(value);
    return value !== undefined && value !== null && value !== '' && isFinite(number) &&
      number >= 0 ? number : fallback;
  };

  // The page's address: src with ?lang=, ?theme= and #/tickets/<id>.
  var pageUrl = function (options) {
    var url = new URL(options.src || defaultSrc, document.baseURI);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError('TicketsEmbed: src must be an http(s) address');
    }
    url.search = '';
    url.hash = '';
    var lang = options.lang;
    if (typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
      url.searchParams.set('lang', lang);
    }
    if (options.theme === 'light' || options.theme === 'dark') {
      url.searchParams.set('theme', options.theme);
    }
    var ticket = positiveInteger(options.ticket);
    if (ticket) url.hash = '#/tickets/' + ticket;
    return url;
  };

  // What getToken() gave, as the page's message: a token, an e-mail and key, or nothing.
  var credentialsMessage = function (value) {
    var message = { type: 'tickets:credentials' };
    if (typeof value === 'string' && value) {
      message.token = value;
    } else if (value && typeof value === 'object') {
      if (typeof value.token === 'string' && value.token) {
        message.token = value.token;
      } else if (typeof value.email === 'string' && typeof value.key === 'string' &&
                 value.email && value.key) {
        message.email = value.email;
        message.key = value.key;
      }
    }
    return message;
  };

  var mount = function (element, options) {
    if (!element || element.nodeType !== 1) {
      throw new TypeError('TicketsEmbed.mount: the first argument must be an element');
    }
    options = options || {};
    if (element.ticketsEmbed) element.ticketsEmbed.destroy(); // mounting again replaces it

    var url = pageUrl(options);
    var origin = url.origin;
    var lang = typeof options.lang === 'string' ? options.lang.slice(0, 2).toLowerCase() : '';
    var minHeight = pixels(options.minHeight, DEFAULT_MIN_HEIGHT);
    var maxHeight = pixels(options.maxHeight, Infinity);
    var ready = false;
    var destroyed = false;
    var asking = false;
    var pendingOpen = null;

    // The frame, and beside it a marker the page's "show this part" requests scroll into view
    // (so the portal's own scroll containers and scroll-margin rules are honoured).
    var wrapper = document.createElement('div');
    wrapper.className = 'tickets-embed';
    wrapper.style.position = 'relative';
    var frame = document.createElement('iframe');
    frame.title = options.title || TITLES[lang] || TITLES.en;
    frame.setAttribute('sandbox', SANDBOX);
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = Math.max(minHeight, Math.min(maxHeight, DEFAULT_MIN_HEIGHT)) + 'px';
    var marker = document.createElement('div');
    marker.className = 'tickets-embed-marker';
    marker.setAttribute('aria-hidden', 'true');
    marker.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;' +
      'pointer-events:none;visibility:hidden';
    wrapper.appendChild(frame);
    wrapper.appendChild(marker);

    var send = function (message) {
      if (!destroyed && frame.contentWindow) frame.contentWindow.postMessage(message, origin);
    };
    var dispatch = function (type, detail) {
      element.dispatchEvent(new CustomEvent(type, { detail: detail, bubbles: true }));
    };

    var handOver = function () {
      var getToken = options.getToken;
      if (typeof getToken === 'string') getToken = window[getToken]; // data-tickets-get-token
      if (typeof getToken !== 'function') {
        warn('the page asked for credentials, and there is no getToken() to give them');
        send({ type: 'tickets:credentials' }); // nothing to give: the page says so or signs in
        return;
      }
      if (asking) return;
      asking = true;
      Promise.resolve()
        .then(function () { return getToken(); })
        .then(function (value) {
          asking = false;
          send(credentialsMessage(value));
        }, function () {
          asking = false;
          warn('getToken() failed; the page is told there are no credentials');
          send({ type: 'tickets:credentials' });
        });
    };

    var onMessage = function (event) {
      if (event.source !== frame.contentWindow) return; // another frame's conversation
      var data = event.data;
      if (event.origin !== origin) {
        warn('ignored a message from ' + event.origin + ', which is not ' + origin);
        return;
      }
      if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;

      if (data.type === 'tickets:ready') {
        ready = true;
        if (pendingOpen !== null) send({ type: 'tickets:open', id: pendingOpen });
        pendingOpen = null;
        dispatch('tickets:ready', {});
      } else if (data.type === 'tickets:height') {
        var height = pixels(data.height, null);
        if (height !== null) {
          frame.style.height = Math.round(Math.max(minHeight, Math.min(maxHeight, height))) + 'px';
        }
      } else if (data.type === 'tickets:credentials-wanted') {
        handOver();
      } else if (data.type === 'tickets:reveal') {
        var top = pixels(data.top, 0);
        marker.style.top = top + 'px';
        marker.style.height = Math.max(1, pixels(data.height, 1)) + 'px';
        if (top < frame.offsetHeight) {
          marker.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        }
      } else if (EVENTS.indexOf(data.type) >= 0) {
        var id = positiveInteger(data.id);
        if (id) dispatch(data.type, { id: id });
      }
    };
    window.addEventListener('message', onMessage);

    // The page may not know the portal's origin (some browsers name no ancestor): say hello
    // each time the frame loads, to its exact origin.
    frame.addEventListener('load', function () { send({ type: 'tickets:hello' }); });
    frame.src = url.href;
    element.appendChild(wrapper);

    var handle = {
      frame: frame,
      // Shows ticket `id` (0 or nothing: the list).
      open: function (id) {
        var ticket = positiveInteger(id);
        if (id && !ticket) throw new TypeError('TicketsEmbed: open(id) takes a ticket id');
        if (ready) send({ type: 'tickets:open', id: ticket });
        else pendingOpen = ticket;
      },
      // Removes the frame and stops listening; the element is left as it was.
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        window.removeEventListener('message', onMessage);
        wrapper.remove();
        if (element.ticketsEmbed === handle) delete element.ticketsEmbed;
      },
    };
    element.ticketsEmbed = handle;
    return handle;
  };

  // Every <div data-tickets-src> in the page, once it is parsed.
  var mountAll = function () {
    var elements = document.querySelectorAll('[data-tickets-src]');
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (element.ticketsEmbed) continue;
      var data = element.dataset;
      try {
        mount(element, {
          src: data.ticketsSrc,
          lang: data.ticketsLang,
          theme: data.ticketsTheme,
          ticket: data.ticketsTicket,
          title: data.ticketsTitle,
          getToken: data.ticketsGetToken, // the name of a global function
          minHeight: data.ticketsMinHeight,
          maxHeight: data.ticketsMaxHeight,
        });
      } catch (error) {
        warn(error.message);
      }
    }
  };

  window.TicketsEmbed = { mount: mount, version: 1 };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountAll);
  } else {
    mountAll();
  }
})();
