// The page's browser events, handed to the compiled code: pointer and wheel (mouse, touch and
// pen; a finger drags lists with inertia), the canvas's size and pixel ratio, keys the page
// itself answers (Escape, Ctrl/Cmd+Enter), visibility, and network state.
// Included with --pre-js: it runs inside the module, next to the compiled code.

// A string for the compiled code, in memory it frees with free().
function ticketsNewString(text) {
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
}

var TicketsBrowser = {
  root: null,
  canvas: null,
  reducedMotion: false,
  drag: null,     // a touch drag: { id, y, x, vy, vx, t }
  glide: 0,       // the inertia's animation frame

  init: function (root, canvas) {
    this.root = root;
    this.canvas = canvas;
    var self = this;
    var motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    self.reducedMotion = motion.matches;
    motion.addEventListener('change', function () { self.reducedMotion = motion.matches; });

    // The canvas follows its container; its backing store is its CSS size times the ratio.
    // Where the browser says how many device pixels the canvas covers, that settles the
    // rounding (one texel per pixel, no resampling), unless it disagrees with the ratio by more
    // than rounding can (an emulated ratio reports CSS pixels there). The CSS size handed on is
    // made from the backing store's, so that the page's own rounding gives the same.
    var report = function (width, height, deviceWidth, deviceHeight) {
      var ratio = window.devicePixelRatio || 1;
      var fits = function (device, css) { return device && Math.abs(device - css * ratio) < 1.5; };
      deviceWidth = fits(deviceWidth, width) ? deviceWidth : Math.max(1, Math.round(width * ratio));
      deviceHeight = fits(deviceHeight, height) ? deviceHeight
                                                : Math.max(1, Math.round(height * ratio));
      if (canvas.width !== deviceWidth) canvas.width = deviceWidth;
      if (canvas.height !== deviceHeight) canvas.height = deviceHeight;
      _tickets_on_resize(deviceWidth / ratio, deviceHeight / ratio, ratio);
    };
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function (entries) {
        var entry = entries[entries.length - 1];
        var device = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
        report(entry.contentRect.width, entry.contentRect.height,
               device && device.inlineSize, device && device.blockSize);
      });
      try {
        observer.observe(canvas, { box: 'device-pixel-content-box' });
      } catch (e) {
        observer.observe(canvas);
      }
    } else {
      window.addEventListener('resize', function () {
        report(canvas.clientWidth, canvas.clientHeight);
      });
    }
    // A ratio change (zoom, another screen) without a size change still needs new fonts.
    var watchRatio = function () {
      var query = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
      query.addEventListener('change', function once() {
        query.removeEventListener('change', once);
        report(canvas.clientWidth, canvas.clientHeight);
        watchRatio();
      });
    };
    watchRatio();
    report(canvas.clientWidth, canvas.clientHeight);

    var scheme = window.matchMedia('(prefers-color-scheme: dark)');
    var forced = new URLSearchParams(location.search).get('theme');
    var dark = function () { return forced ? forced === 'dark' : scheme.matches; };
    scheme.addEventListener('change', function () { _tickets_on_theme(dark() ? 1 : 0); });
    _tickets_on_theme(dark() ? 1 : 0);

    this.loadFieldFont();
    this.listenPointer(root);
    root.addEventListener('click', function (event) {
      if (!self.swallowClick) return;
      self.swallowClick = false;
      event.preventDefault();
      event.stopPropagation();
    }, true);
    root.addEventListener('pointerdown', function () { self.swallowClick = false; }, true);

    document.addEventListener('keydown', function (event) {
      // Keys an input method is using (Escape cancels a composition) are not the page's.
      if (event.isComposing || event.keyCode === 229) return;
      if (event.key === 'Escape') {
        if (_tickets_on_key(1)) event.preventDefault();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) &&
                 event.target && event.target.dataset && event.target.dataset.key === 'reply') {
        event.preventDefault();
        if (!event.repeat) _tickets_on_key(2);
      }
    });
    document.addEventListener('visibilitychange', function () {
      _tickets_on_visible(document.visibilityState === 'visible' ? 1 : 0);
    });
    window.addEventListener('online', function () { _tickets_on_online(1); });
    window.addEventListener('offline', function () { _tickets_on_online(0); });
    window.addEventListener('hashchange', function () { _tickets_on_hash(); });
  },

  // The DOM fields over the canvas's text boxes type in the canvas's own font (app.css names
  // it), so that their caret, their line breaks and the input method's window fall where the
  // canvas draws them. The loader has already fetched the file; this reads it from the cache.
  loadFieldFont: function () {
    var loader = document.querySelector('script[data-font-regular]');
    if (!loader || !window.FontFace || !document.fonts) return;
    var face = new FontFace('tickets-text', 'url("' + loader.dataset.fontRegular + '")');
    document.fonts.add(face);
    face.load().catch(function () { /* the fields keep the system font */ });
  },

  position: function (event) {
    var box = this.canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  },

  listenPointer: function (root) {
    var self = this;
    root.addEventListener('pointermove', function (event) {
      if (event.pointerType === 'touch') { self.touchMove(event); return; }
      var p = self.position(event);
      _tickets_on_pointer(0, p[0], p[1], 0);
    });
    root.addEventListener('pointerdown', function (event) {
      if (event.pointerType === 'touch') { self.touchStart(event); return; }
      var p = self.position(event);
      // Text boxes place their caret where the canvas says, not where the hidden field does.
      if (event.target && event.target.dataset && event.target.dataset.edit &&
          event.target.tagName !== 'SELECT') {
        event.preventDefault();
        event.target.focus({ preventScroll: true });
      }
      _tickets_on_pointer(1, p[0], p[1], event.button);
    });
    window.addEventListener('pointerup', function (event) {
      if (event.pointerType === 'touch') { self.touchEnd(event); return; }
      var p = self.position(event);
      _tickets_on_pointer(2, p[0], p[1], event.button);
    });
    root.addEventListener('pointerleave', function (event) {
      if (event.pointerType !== 'touch') _tickets_on_pointer(3, -1e6, -1e6, 0);
    });
    root.addEventListener('wheel', function (event) {
      // Lines and pages become pixels, so every device scrolls the same distance.
      var scale = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1;
      var p = self.position(event);
      _tickets_on_pointer(0, p[0], p[1], 0);
      if (_tickets_on_wheel(event.deltaX * scale, event.deltaY * scale)) event.preventDefault();
    }, { passive: false });
  },

  touchStart: function (event) {
    cancelAnimationFrame(this.glide);
    var p = this.position(event);
    this.drag = { id: event.pointerId, x: p[0], y: p[1], vx: 0, vy: 0, t: event.timeStamp,
                  moved: 0 };
    _tickets_on_pointer(0, p[0], p[1], 0);
  },

  touchMove: function (event) {
    var drag = this.drag;
    if (!drag || drag.id !== event.pointerId) return;
    var p = this.position(event);
    // The speed is measured with the times the finger was at each place, not the times the page
    // got round to hearing of it (a busy page hears late, and of several moves at once).
    var now = event.timeStamp;
    var dx = drag.x - p[0], dy = drag.y - p[1];
    var dt = Math.max(1, now - drag.t);
    drag.vx = 0.8 * (dx / dt) + 0.2 * drag.vx;
    drag.vy = 0.8 * (dy / dt) + 0.2 * drag.vy;
    drag.moved += Math.abs(dx) + Math.abs(dy);
    drag.x = p[0]; drag.y = p[1]; drag.t = now;
    _tickets_on_wheel(dx, dy);
  },

  // A flick keeps the list moving, slowing down, unless the person asked for less motion.
  touchEnd: function (event) {
    var drag = this.drag;
    this.drag = null;
    if (!drag || drag.id !== event.pointerId) return;
    // A drag is not a tap: the click that may follow it opens nothing.
    if (drag.moved > 10) this.swallowClick = true;
    // A finger that stopped before lifting leaves the list where it is.
    if (this.reducedMotion || event.timeStamp - drag.t > 100) return;
    // The speed falls by half every 140 ms or so; each frame moves the list by the distance
    // covered since the last one, whatever the frame rate.
    var vx = drag.vx, vy = drag.vy, last = performance.now();
    var decay = 0.995, perMs = -Math.log(decay);
    var step = function (now) {
      var dt = Math.max(0, now - last);
      last = now;
      var kept = Math.pow(decay, dt);
      var travelled = (1 - kept) / perMs;
      var dx = vx * travelled, dy = vy * travelled;
      vx *= kept;
      vy *= kept;
      if (Math.abs(vy) < 0.02 && Math.abs(vx) < 0.02) return;
      _tickets_on_wheel(dx, dy);
      TicketsBrowser.glide = requestAnimationFrame(step);
    };
    this.glide = requestAnimationFrame(step);
  },

  setCursor: function (name) {
    this.root.style.cursor = name;
  },

  setFieldFontSize: function (px) {
    this.root.style.setProperty('--field-font-size', px.toFixed(3) + 'px');
  },
};
