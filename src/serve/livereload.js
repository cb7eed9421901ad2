// bantin serve: live reload and the error overlay. The preview server
// injects this into every HTML page it serves; published pages never see it.
(function () {
  'use strict';
  var build = window.__bantinBuild;
  var key = 'bantin-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === 'complete') restore(); else window.addEventListener('load', restore);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function overlay(messages) {
    var old = document.getElementById('bantin-overlay');
    if (old) old.parentNode.removeChild(old);
    if (!messages || !messages.length) return;
    var box = document.createElement('div');
    box.id = 'bantin-overlay';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'background:#1d232b;color:#fff;border-top:6px solid #c8102e;padding:1rem 1.25rem;font:14px/1.5 monospace';
    var title = document.createElement('p');
    title.style.cssText = 'margin:0 0 .5rem;font-weight:bold;color:#ffcd00';
    title.textContent = 'bantin: the last change did not build — showing the last good version';
    box.appendChild(title);
    messages.forEach(function (text) {
      var pre = document.createElement('pre');
      pre.style.cssText = 'white-space:pre-wrap;margin:.5rem 0;color:#fff';
      pre.textContent = text;
      box.appendChild(pre);
    });
    document.body.appendChild(box);
  }
  function swapStyles(swaps) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var current = new URL(links[i].href, location.href).pathname;
      for (var j = 0; j < swaps.length; j++) {
        if (swaps[j][0] === current) {
          links[i].href = swaps[j][1] === current ? current + '?v=' + encodeURIComponent(build) : swaps[j][1];
        }
      }
    }
  }
  var source = new EventSource('/__bantin/events');
  source.addEventListener('hello', function (event) {
    var info = JSON.parse(event.data);
    if (info.build !== build) { reload(); return; }
    overlay(info.errors);
  });
  source.addEventListener('reload', function () { reload(); });
  source.addEventListener('css', function (event) {
    var info = JSON.parse(event.data);
    build = info.build;
    swapStyles(info.swaps);
    overlay([]);
  });
  source.addEventListener('search', function (event) {
    var info = JSON.parse(event.data);
    if (location.pathname === info.path) { reload(); return; }
    build = info.build;
  });
  source.addEventListener('errors', function (event) { overlay(JSON.parse(event.data)); });
})();
