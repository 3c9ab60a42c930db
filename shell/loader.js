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

  var fetchInto = function (name, url, kind) {
    return fetch(url, { credentials: 'same-origin', cache: kind === 'text' ? 'no-cache' : 'default' })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ': ' + response.status);
        return kind === 'text' ? response.text() : response.arrayBuffer();
      })
      .then(function (value) { loaded[name] = value; })
      .catch(function (error) { console.warn('loader:', error.message); });
  };
  var ready = Promise.all([
    fetchInto('config', 'config.json', 'text'),
    fetchInto('font-regular', files.fontRegular, 'bytes'),
    fetchInto('font-bold', files.fontBold, 'bytes'),
  ]);

  window.Module = {
    loaded: loaded,
    canvas: document.getElementById('canvas'),
    locateFile: function (path) { return /\.wasm$/.test(path) ? files.wasm : path; },
    preRun: [function () {
      Module.addRunDependency('loader');
      ready.then(function () { Module.removeRunDependency('loader'); });
    }],
    onAbort: function () {
      fail(document.documentElement.lang === 'fr'
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
})();
