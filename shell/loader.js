// Starts the page: fetches config.json and the fonts while the WebAssembly downloads and
// compiles, then lets main() run with all of them at hand. Shows a spinner until the first
// frame, and a plain message if the page cannot run here.
(function () {
  'use strict';
  var script = document.currentScript;
  var files = script.dataset;
  var loaded = {};
  var fallback = document.getElementById('fallback');

  var fail = function (words) {
    document.getElementById('loading').classList.add('done');
    fallback.hidden = false;
    fallback.textContent = words;
  };

  // A file that fails is asked for once more; the fonts are needed (the page has no other).
  var fetchInto = function (name, url, kind, retries) {
    return fetch(url, { credentials: 'same-origin', cache: kind === 'text' ? 'no-cache' : 'default' })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ': ' + response.status);
        return kind === 'text' ? response.text() : response.arrayBuffer();
      })
      .then(function (value) { loaded[name] = value; })
      .catch(function (error) {
        console.warn('loader:', error.message);
        if (retries > 0) return fetchInto(name, url, kind, retries - 1);
      });
  };
  var ready = Promise.all([
    fetchInto('config', 'config.json', 'text', 1),
    fetchInto('font-regular', files.fontRegular, 'bytes', 1),
    fetchInto('font-bold', files.fontBold, 'bytes', 1),
  ]);

  window.Module = {
    loaded: loaded,
    canvas: document.getElementById('canvas'),
    locateFile: function (path) { return /\.wasm$/.test(path) ? files.wasm : path; },
    preRun: [function () {
      Module.addRunDependency('loader');
      ready.then(function () {
        if (loaded['font-regular'] && loaded['font-bold']) {
          Module.removeRunDependency('loader');
        } else {
          Module.onAbort();
        }
      });
    }],
    onAbort: function () {
      // Before main() has run, the language is the one the page would choose.
      var asked = /[?&]lang=(\w+)/.exec(location.search);
      var lang = document.documentElement.lang !== 'en' ? document.documentElement.lang
        : asked ? asked[1] : (navigator.language || '').slice(0, 2);
      fail(lang === 'fr'
        ? 'La page n\u2019a pas pu d\u00e9marrer. Rechargez-la pour r\u00e9essayer.'
        : 'The page could not start. Reload it to try again.');
    },
  };

  if (!window.WebAssembly) {
    fail('This browser cannot run this page. Ce navigateur ne peut pas afficher cette page.');
    return;
  }
  var app = document.createElement('script');
  app.src = files.js;
  app.async = true;
  app.onerror = function () { fail('The page could not be loaded. La page n\u2019a pas pu se charger.'); };
  document.body.appendChild(app);

  // A page's first Intl date format loads the browser's date data: 20-45 ms of the main thread,
  // which the first frame spent on its rows' dates. Made now, it happens while the WebAssembly
  // downloads and compiles; the page's own formats then take a millisecond.
  try {
    new Intl.DateTimeFormat('en', { month: 'short', hour: '2-digit' }).format(0);
    new Intl.RelativeTimeFormat('en').format(-1, 'day');
  } catch (error) {
    // An Intl without these: the page finds out for itself.
  }
})();
