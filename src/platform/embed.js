// The page's side of embedding (README.md, "Embedding"): the postMessage conversation with the
// portal that frames it, whose other side is shell/embed.js. The page talks to one origin only:
// its parent's, and only when config.json's portal_origins lists it, compared as exact strings.
// Messages are sent to that origin by name, never to '*', and taken only from the parent window
// at that origin; anything else is ignored, and logged without its content.
// Credentials pass through here on their way to the model and are kept nowhere in JS.
// Included with --pre-js: it runs inside the module, next to the compiled code.
//
// Page to portal: tickets:ready, tickets:height {height}, tickets:credentials-wanted,
//                 tickets:opened / tickets:replied / tickets:closed {id},
//                 tickets:reveal {top, height} (bring this part of the frame into view).
// Portal to page: tickets:hello (sent by embed.js when the frame loads: gives the portal's
//                 origin where the browser names no ancestor), tickets:credentials {token} or
//                 {email, key} or {} for none, tickets:open {id} (0: the list).

var TicketsPortal = {
  framed: window.parent !== window,
  origins: null,     // config.json's portal_origins, once the compiled code hands them over
  parentOrigin: '',  // the portal's origin, once known and allowed
  outbox: [],        // messages written before the origin was known
  early: [],         // messages that arrived before the compiled code started
  warned: 0,

  // The listener is there from the first moment, so that a hello sent while the WebAssembly
  // still compiles is not lost; messages are judged once the allowed origins are known.
  listen: function () {
    if (!this.framed) return;
    var self = this;
    window.addEventListener('message', function (event) {
      if (self.origins) self.receive(event);
      else if (self.early.length < 8) self.early.push(event);
    });
  },

  // Returns 1 when the page talks to a portal: framed, with portal_origins, and a parent that is
  // one of them or not named yet (it may say hello).
  init: function (originsJson) {
    var origins = [];
    try {
      origins = JSON.parse(originsJson);
    } catch (e) {}
    this.origins = Array.isArray(origins) ? origins.filter(function (origin) {
      return typeof origin === 'string' && origin !== '' && origin !== 'null';
    }) : [];
    if (!this.framed || this.origins.length === 0) return 0;

    var named = this.ancestorOrigin();
    if (named && this.origins.indexOf(named) < 0) {
      console.warn('tickets: framed by ' + named + ', which portal_origins does not list; ' +
                   'the page will not talk to it');
      return 0;
    }
    if (named) this.knowParent(named);
    var early = this.early;
    this.early = [];
    for (var i = 0; i < early.length; i++) this.receive(early[i]);
    this.post({ type: 'tickets:ready' });
    return 1;
  },

  // The parent's origin as the browser names it: the first ancestor origin where the browser
  // has the list, else the referrer's origin. Only a hint: postMessage delivers to the origin
  // named, so a wrong hint makes messages go nowhere, never elsewhere.
  ancestorOrigin: function () {
    var ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') return ancestors[0];
    try {
      if (document.referrer) return new URL(document.referrer).origin;
    } catch (e) {}
    return '';
  },

  knowParent: function (origin) {
    if (this.parentOrigin) return;
    this.parentOrigin = origin;
    var waiting = this.outbox;
    this.outbox = [];
    for (var i = 0; i < waiting.length; i++) window.parent.postMessage(waiting[i], origin);
  },

  post: function (message) {
    if (!this.origins || this.origins.length === 0 || !this.framed) return;
    if (this.parentOrigin) window.parent.postMessage(message, this.parentOrigin);
    else if (this.outbox.length < 32) this.outbox.push(message);
  },

  ignore: function (why, origin) {
    if (this.warned >= 20) return; // a flood is not logged line by line
    this.warned++;
    console.warn('tickets: ignored a message (' + why + ') from ' + origin);
  },

  receive: function (event) {
    var data = event.data;
    if (event.source !== window.parent) {
      this.ignore('not from the parent window', event.origin);
      return;
    }
    if (this.origins.indexOf(event.origin) < 0 ||
        (this.parentOrigin && event.origin !== this.parentOrigin)) {
      this.ignore('origin not in portal_origins', event.origin);
      return;
    }
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') {
      this.ignore('not a tickets message', event.origin);
      return;
    }
    this.knowParent(event.origin);

    if (data.type === 'tickets:hello') {
      // Its origin is now known (above): the ready sent at start reaches it.
    } else if (data.type === 'tickets:credentials') {
      // Strings only, handed straight to the model (0 none, 1 a token, 2 an e-mail and key).
      var text = function (value) { return typeof value === 'string' ? value : ''; };
      var token = text(data.token), email = text(data.email), key = text(data.key);
      var kind = token ? 1 : email && key ? 2 : 0;
      Module.ccall('tickets_on_credentials', null, ['number', 'string', 'string'],
                   kind === 1 ? [1, token, ''] : kind === 2 ? [2, email, key] : [0, '', '']);
    } else if (data.type === 'tickets:open') {
      var id = Number(data.id);
      if (id === 0) location.hash = '#/tickets';
      else if (Number.isSafeInteger(id) && id > 0) location.hash = '#/tickets/' + id;
      else this.ignore('tickets:open without a ticket id', event.origin);
    } else {
      this.ignore('unknown type', event.origin);
    }
  },

  // The height the page needs to show everything without scrolling inside the frame.
  setHeight: function (height) {
    this.post({ type: 'tickets:height', height: height });
  },

  // Whether the frame is shorter than the page: then a finger drags the page's own list or
  // thread; otherwise it scrolls the portal's page, as over any other part of it.
  setScrollsInside: function (inside) {
    var app = document.getElementById('app');
    if (app) app.style.touchAction = inside ? 'none' : 'pan-y';
  },
};

TicketsPortal.listen();
