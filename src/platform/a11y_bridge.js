// The accessible DOM mirror (shared ui-contract.md). Each frame that changes the semantic tree,
// the page's C++ hands over the tree as JSON; this keeps one native control per node, placed
// over the same spot of the canvas, and reports what people do with them: a click, Enter or
// Space on a button or radio, typing in a text box, a choice in a select, focus moving.
// Included with --pre-js: it runs inside the module, next to the compiled code.

var TicketsA11y = {
  overlay: null,
  live: null,
  nodes: new Map(), // key -> { el, data }
  focusKey: '',
  opener: '',       // while a dialog is open: the node that had focus before it
  headingWanted: false, // focus goes to the next screen's heading once it has one
  composing: false,
  composeFrom: 0,  // where the composition started in the focused field (UTF-16)
  composeText: '', // what it holds now

  init: function (overlay, live) {
    this.overlay = overlay;
    this.live = live;
    var self = this;

    overlay.addEventListener('click', function (event) {
      var el = self.owner(event.target);
      if (!el) return;
      var key = el.dataset.key;
      var role = el.dataset.role;
      if (role === 'link') return; // links navigate by their href (the hash router follows)
      if (role === 'radio' || role === 'button') {
        if (role === 'radio') event.preventDefault(); // the model says which one is checked
        if (el.dataset.action === '1') Module.ccall('tickets_on_activate', null, ['string'], [key]);
      }
    });
    overlay.addEventListener('keydown', function (event) {
      var el = self.owner(event.target);
      if (!el) return;
      // Space and Enter on a radio choose it, as arrows do within the group.
      if (el.dataset.role === 'radio') {
        var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        if (step) {
          event.preventDefault();
          var radios = Array.prototype.slice.call(
            el.parentNode.querySelectorAll('input[type=radio]'));
          var next = radios[(radios.indexOf(el) + step + radios.length) % radios.length];
          next.focus();
          next.click();
        } else if (event.key === 'Enter') {
          event.preventDefault();
          el.click();
        }
      }
    });
    overlay.addEventListener('input', function (event) {
      var el = self.owner(event.target);
      if (!el || !el.dataset.edit) return;
      self.reportText(el);
      if (self.composing) self.reportComposition(el);
    });
    overlay.addEventListener('change', function (event) {
      var el = self.owner(event.target);
      if (el && el.tagName === 'SELECT') self.reportText(el);
    });
    // A scroller's twin scrolled by someone else (a screen reader, scrollIntoView, focus):
    // the canvas follows.
    overlay.addEventListener('scroll', function (event) {
      var el = event.target;
      if (!el.dataset || !el.dataset.key) return;
      if (Math.abs(el.scrollTop - Number(el.dataset.setTop || 0)) < 1) return;
      el.dataset.setTop = el.scrollTop;
      _tickets_on_scroll_to(el.scrollTop, el.dataset.key === 'tickets-list' ? 0 : 1);
    }, true);
    // While an input method composes, the canvas shows the composed part underlined: where it
    // starts is known at compositionstart, what it holds at each compositionupdate.
    overlay.addEventListener('compositionstart', function (event) {
      self.composing = true;
      var el = event.target;
      self.composeFrom = el.selectionStart == null ? 0
                                                   : Math.min(el.selectionStart, el.selectionEnd);
      self.composeText = '';
    });
    overlay.addEventListener('compositionupdate', function (event) {
      self.composeText = event.data || '';
    });
    overlay.addEventListener('compositionend', function (event) {
      self.composing = false;
      self.composeText = '';
      var el = self.owner(event.target);
      if (!el || !el.dataset.edit) return;
      self.reportText(el);
      Module.ccall('tickets_on_composition', null, ['string', 'number', 'number'],
        [el.dataset.key, -1, -1]);
    });
    document.addEventListener('selectionchange', function () {
      var el = document.activeElement;
      if (el && el.dataset && el.dataset.edit && self.overlay.contains(el)) self.reportSelection(el);
    });
    overlay.addEventListener('focusin', function (event) {
      var el = self.owner(event.target);
      if (!el) return;
      self.focusKey = el.dataset.key;
      var keyboard = false;
      try { keyboard = el.matches(':focus-visible'); } catch (e) { keyboard = true; }
      Module.ccall('tickets_on_focus', null, ['string', 'number'], [el.dataset.key, keyboard ? 1 : 0]);
      if (el.dataset.edit) self.reportSelection(el);
    });
    overlay.addEventListener('focusout', function (event) {
      var next = event.relatedTarget;
      if (next && overlay.contains(next)) return; // focusin follows
      self.focusKey = '';
      Module.ccall('tickets_on_focus', null, ['string', 'number'], ['', 0]);
    });
  },

  // The mirror node an event target belongs to.
  owner: function (target) {
    while (target && target !== this.overlay) {
      if (target.dataset && target.dataset.key) return target;
      target = target.parentNode;
    }
    return null;
  },

  utf8Length: function (text) { return lengthBytesUTF8(text); },

  reportText: function (el) {
    var value = el.value;
    var start = el.selectionStart == null ? value.length : el.selectionStart;
    var end = el.selectionEnd == null ? value.length : el.selectionEnd;
    Module.ccall('tickets_on_text', null, ['string', 'string', 'number', 'number'],
      [el.dataset.key, value, this.utf8Length(value.slice(0, start)),
       this.utf8Length(value.slice(0, end))]);
  },

  // The composed part: from where the composition started, or, when the input method took
  // over text around the caret (a phone keyboard correcting a word), where that text is.
  reportComposition: function (el) {
    var value = el.value, text = this.composeText, from = this.composeFrom;
    if (value.substr(from, text.length) !== text) {
      var caret = el.selectionEnd == null ? value.length : el.selectionEnd;
      var at = value.lastIndexOf(text, caret);
      from = at >= 0 && at + text.length >= caret ? at : Math.min(from, value.length);
    }
    var to = Math.min(value.length, from + text.length);
    Module.ccall('tickets_on_composition', null, ['string', 'number', 'number'],
      [el.dataset.key, this.utf8Length(value.slice(0, from)), this.utf8Length(value.slice(0, to))]);
  },

  reportSelection: function (el) {
    if (el.selectionStart == null) return;
    var value = el.value;
    var forward = el.selectionDirection !== 'backward';
    var a = this.utf8Length(value.slice(0, el.selectionStart));
    var b = this.utf8Length(value.slice(0, el.selectionEnd));
    Module.ccall('tickets_on_selection', null, ['string', 'number', 'number'],
      [el.dataset.key, forward ? a : b, forward ? b : a]);
  },

  // UTF-8 byte offset -> UTF-16 index in a string.
  utf16Index: function (text, bytes) {
    var i = 0, count = 0;
    while (i < text.length && count < bytes) {
      var code = text.codePointAt(i);
      count += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      i += code >= 0x10000 ? 2 : 1;
    }
    return i;
  },

  create: function (node) {
    var el;
    switch (node.r) {
      case 'main': el = document.createElement('main'); break;
      case 'heading': el = document.createElement('h' + (node.l || 1)); el.tabIndex = -1; break;
      case 'button': el = document.createElement('button'); el.type = 'button'; break;
      case 'link': el = document.createElement('a'); break;
      case 'searchbox': el = document.createElement('input'); el.type = 'search'; break;
      case 'password': el = document.createElement('input'); el.type = 'password';
        el.autocomplete = 'current-password'; break;
      case 'textbox':
        el = document.createElement(node.m ? 'textarea' : 'input');
        if (!node.m) el.type = node.k === 'email' ? 'email' : 'text';
        if (node.k === 'email') el.autocomplete = 'email';
        break;
      case 'radiogroup': el = document.createElement('div'); el.setAttribute('role', 'radiogroup'); break;
      case 'radio': el = document.createElement('input'); el.type = 'radio'; el.name = 'r-' + node.p; break;
      case 'combobox': el = document.createElement('select'); break;
      case 'list': el = document.createElement('ul'); break;
      case 'listitem': el = document.createElement('li'); break;
      case 'article': el = document.createElement('article'); break;
      case 'dialog': el = document.createElement('div'); el.setAttribute('role', 'dialog');
        el.setAttribute('aria-modal', 'true'); break;
      default: el = document.createElement('p');
    }
    if ('sy' in node && node.r !== 'list') el = document.createElement('div');
    el.dataset.key = node.k;
    el.dataset.role = node.r;
    el.className = 'a11y a11y-' + node.r + ('sy' in node ? ' a11y-scroll' : '');
    return el;
  },

  update: function (el, node, old) {
    var changed = function (field) { return !old || old[field] !== node[field]; };
    var r = node.r;
    if (r === 'main' || r === 'list' || r === 'radiogroup' || r === 'dialog') {
      if (changed('n')) el.setAttribute('aria-label', node.n);
    } else if (r === 'heading' || r === 'button' || r === 'listitem' || r === 'text') {
      if (r === 'listitem' && !node.v) {
        // a row's item holds its link; only an empty-state item carries text
      } else if (changed('n')) {
        el.textContent = node.n;
      }
    } else if (r === 'link') {
      if (changed('n')) el.textContent = node.n;
      if (changed('v')) el.href = node.v;
      if (node.nt) { el.target = '_blank'; el.rel = 'noopener noreferrer'; }
    } else if (r === 'article') {
      if (changed('n')) el.setAttribute('aria-label', node.n);
      if (changed('v')) {
        var body = el.querySelector('.a11y-body') || el.appendChild(document.createElement('div'));
        body.className = 'a11y-body';
        body.textContent = node.v || '';
      }
    } else if (r === 'radio') {
      if (changed('n')) el.setAttribute('aria-label', node.n);
      el.checked = !!node.c;
    } else if (r === 'combobox') {
      if (changed('n')) el.setAttribute('aria-label', node.n);
      if (!old || JSON.stringify(old.o) !== JSON.stringify(node.o)) {
        el.textContent = '';
        (node.o || []).forEach(function (option) {
          var item = document.createElement('option');
          item.value = option[0];
          item.textContent = option[1];
          el.appendChild(item);
        });
      }
      if (el.value !== node.v) el.value = node.v;
    } else if (node.e) {
      if (changed('n')) el.setAttribute('aria-label', node.n);
      // A password shown is plain text for assistive technology too.
      if (r === 'password') el.type = node.rv ? 'text' : 'password';
      var value = node.v || '';
      if (el.value !== value && !(this.composing && document.activeElement === el)) {
        el.value = value;
      }
    }
    if (changed('d')) {
      if (node.d) el.setAttribute('aria-description', node.d);
      else el.removeAttribute('aria-description');
    }
    if (changed('dis')) {
      // A button that becomes unavailable keeps its focus (a disabled one drops it on the
      // page's body, under a keyboard user's feet): aria-disabled says so, and with no action
      // its click does nothing.
      if ('disabled' in el && node.e) el.disabled = !!node.dis;
      else if (node.dis) el.setAttribute('aria-disabled', 'true');
      else el.removeAttribute('aria-disabled');
    }
    if (node.size) {
      el.setAttribute('aria-posinset', node.pos);
      el.setAttribute('aria-setsize', node.size);
    }
    if ('sy' in node && Math.abs(el.scrollTop - node.sy) > 0.5) {
      el.dataset.setTop = node.sy;
      el.scrollTop = node.sy;
    }
    el.dataset.action = node.a ? '1' : '';
    el.dataset.edit = node.e ? '1' : '';
    // A node kept across frames can become a scroller (the list, once it has tickets).
    el.classList.toggle('a11y-scroll', 'sy' in node);

    // Every node sits over what the canvas drew for it; a node's box is relative to its
    // parent's, since the parent is positioned too.
    var parent = node.p ? this.nodes.get(node.p) : null;
    var origin = parent && parent.data ? parent.data : { x: 0, y: 0 };
    var style = el.style;
    style.left = (node.x - origin.x) + 'px';
    style.top = (node.y - origin.y) + 'px';
    style.width = Math.max(1, node.w) + 'px';
    style.height = Math.max(1, node.h) + 'px';
  },

  // Brings the DOM in step with the tree: same nodes, same order, same names and states.
  sync: function (json) {
    var tree;
    try { tree = JSON.parse(json); } catch (e) { console.error('a11y: bad tree', e); return; }
    var loading = document.getElementById('loading');
    if (loading) loading.classList.add('done'); // the first frame is drawn
    var seen = new Set();
    var dialog = null;
    var order = new Map(); // parent el -> children in order
    var active = document.activeElement;
    var activeKey = active && this.overlay.contains(active) && active.dataset.key || '';
    for (var i = 0; i < tree.length; i++) {
      var node = tree[i];
      seen.add(node.k);
      var entry = this.nodes.get(node.k);
      if (entry && entry.data.r !== node.r) {
        entry.el.remove();
        entry = null;
      }
      if (!entry) {
        entry = { el: this.create(node), data: null };
        this.nodes.set(node.k, entry);
      }
      this.update(entry.el, node, entry.data);
      entry.data = node;
      if (node.r === 'dialog') dialog = entry.el;
      var parent = node.p ? this.nodes.get(node.p) : null;
      var parentEl = parent ? parent.el : this.overlay;
      if (!order.has(parentEl)) order.set(parentEl, []);
      order.get(parentEl).push(entry.el);
    }
    // Drop nodes the tree no longer has.
    var self = this;
    this.nodes.forEach(function (entry, key) {
      if (!seen.has(key)) {
        entry.el.remove();
        self.nodes.delete(key);
      }
    });
    // Place children in tree order, moving only what is out of place (a moved focused
    // node would lose focus).
    order.forEach(function (children, parentEl) {
      var cursor = parentEl.firstElementChild;
      // An article's own text comes first, then its links and buttons.
      if (cursor && cursor.classList.contains('a11y-body')) cursor = cursor.nextElementSibling;
      for (var j = 0; j < children.length; j++) {
        var child = children[j];
        if (cursor === child) {
          cursor = cursor.nextElementSibling;
        } else {
          parentEl.insertBefore(child, cursor);
        }
      }
    });
    // A scroller's twin scrolls exactly as far as the ImGui child it stands for: a spacer at the
    // end of that child's content (which runs on below its last node: padding, spacing), and no
    // further. A twin that could scroll further let the browser's scrolling into view go past
    // the canvas's end; the canvas stopped there, and the two then fought.
    var bottoms = new Map(); // scroller key -> lowest bottom of its nodes
    for (var k = 0; k < tree.length; k++) {
      var child = tree[k];
      if (child.p) bottoms.set(child.p, Math.max(bottoms.get(child.p) || 0, child.y + child.h));
    }
    this.nodes.forEach(function (entry, key) {
      if (!('sy' in entry.data)) return;
      var spacer = entry.el.lastElementChild;
      if (!spacer || !spacer.classList.contains('a11y-spacer')) {
        spacer = document.createElement('div');
        spacer.className = 'a11y-spacer';
        spacer.setAttribute('aria-hidden', 'true');
        entry.el.appendChild(spacer);
      }
      // The content's height: the scroll's reach plus the box, or the nodes' own reach while
      // ImGui has not measured the content yet (its first frame).
      var reach = entry.data.sm > 0 ? entry.data.sm + entry.data.h
                                     : (bottoms.get(key) || entry.data.y) - entry.data.y;
      spacer.style.top = Math.max(0, reach - 1) + 'px';
    });
    // While a dialog is open, everything else is inert.
    this.overlay.querySelectorAll('[data-key]').forEach(function (el) {
      var inside = !dialog || dialog === el || dialog.contains(el) || el.contains(dialog);
      if (inside) el.removeAttribute('inert');
      else if (el.dataset.role !== 'main') el.setAttribute('inert', '');
    });
    if (dialog && !this.opener) this.opener = activeKey || 'none';
    if (dialog && !dialog.contains(document.activeElement)) {
      var first = dialog.querySelector('button');
      if (first) first.focus();
    }
    // Focus on a node that went (a dialog closed, a screen changed) is not dropped on the
    // page's body: it goes back to what opened the dialog, else to the screen's heading.
    if (activeKey && !this.nodes.has(activeKey)) {
      var opener = this.nodes.get(this.opener);
      var target = opener ? opener.el : this.overlay.querySelector('h1');
      if (target) target.focus({ preventScroll: true });
      else this.headingWanted = true;
    }
    if (!dialog) this.opener = '';
    // A screen still loading has no heading yet: it gets focus once it has one, unless the
    // customer has put focus somewhere meanwhile.
    if (this.headingWanted) {
      var now = document.activeElement;
      var heading = this.overlay.querySelector('h1');
      if (now && now !== document.body) this.headingWanted = false;
      else if (heading) {
        this.headingWanted = false;
        heading.focus({ preventScroll: true });
      }
    }
  },

  focus: function (key) {
    var entry = this.nodes.get(key);
    if (entry && document.activeElement !== entry.el) entry.el.focus({ preventScroll: true });
  },

  select: function (key, start, end) {
    var entry = this.nodes.get(key);
    if (!entry || entry.el.setSelectionRange === undefined) return;
    var value = entry.el.value;
    var a = this.utf16Index(value, start), b = this.utf16Index(value, end);
    try {
      entry.el.setSelectionRange(Math.min(a, b), Math.max(a, b), a <= b ? 'forward' : 'backward');
    } catch (e) { /* type=email has no selection API */ }
  },

  // The status region: the latest notice, spoken politely. Cleared first so that the same
  // words said twice are heard twice.
  announce: function (text) {
    var live = this.live;
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 30);
  },

  // After a change of screen, focus goes to the new heading (only if focus was in the page).
  focusHeading: function () {
    var active = document.activeElement;
    if (active && active !== document.body && !this.overlay.contains(active)) return;
    var heading = this.overlay.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
    else this.headingWanted = true;
  },
};
