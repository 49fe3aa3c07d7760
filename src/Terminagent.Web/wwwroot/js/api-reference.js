// Renders the API reference of /api from the served OpenAPI document with Scalar's bundle, which
// this app serves itself: nothing is loaded from elsewhere (no fonts from a CDN, no telemetry,
// no AI agent), and "try it" requests go straight to this app, not through a proxy.
(function () {
  'use strict';
  var root = document.getElementById('reference');
  if (!root || !window.Scalar) {
    return;
  }

  window.Scalar.createApiReference('#reference', {
    url: root.dataset.document,
    localization: { locale: root.dataset.locale },
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: 'never',
    hideDarkModeToggle: true,
    forceDarkModeState: 'light',
    documentDownloadType: 'json'
  });
})();
