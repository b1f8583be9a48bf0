/* Briefings maps: glue between htmx and the folium-rendered maps.
 *
 * Loaded from <head> (not deferred) on every map page, before the inline map
 * scripts run. Our CSP allows scripts from 'self' and inline scripts with the
 * response's nonce, so a map fragment that htmx swaps in needs three things:
 *
 *  1. htmx must give the scripts it re-creates this page's nonce
 *     (htmx.config.inlineScriptNonce); the fragment's own nonce is not the
 *     page's.
 *  2. Only the scripts our server meant to send may run: before a swap, drop
 *     every inline script whose nonce is not the one in that response's CSP
 *     header (the idea of htmx's "safe-nonce" extension), so markup injected
 *     into a fragment cannot borrow the page's nonce.
 *  3. A Leaflet map that is swapped out is removed, which frees its listeners.
 *
 * Back/forward: map pages carry hx-history="false" (the snapshot would hold
 * Leaflet's DOM and scripts), so htmx reloads the page on a history miss.
 */
(function () {
  "use strict";

  function pageNonce() {
    // Browsers hide the nonce attribute's value but keep the .nonce property.
    const script = document.querySelector("script[nonce]");
    return script ? script.nonce : "";
  }

  function responseNonce(xhr) {
    const policy = (xhr && xhr.getResponseHeader("Content-Security-Policy")) || "";
    const match = /'nonce-([^']+)'/.exec(policy);
    return match ? match[1] : null;
  }

  function isJavaScript(script) {
    const type = (script.getAttribute("type") || "").trim().toLowerCase();
    return type === "" || type === "text/javascript" || type === "module";
  }

  function configure() {
    if (!window.htmx) return;
    window.htmx.config.inlineScriptNonce = pageNonce();
    window.htmx.config.refreshOnHistoryMiss = true;
  }

  // htmx is loaded with defer: it exists once the document is parsed.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", configure);
  } else {
    configure();
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    const detail = event.detail;
    if (typeof detail.serverResponse !== "string" || !detail.serverResponse.includes("<script")) {
      return;
    }
    const nonce = responseNonce(detail.xhr);
    const template = document.createElement("template");
    template.innerHTML = detail.serverResponse; // inert: nothing runs or loads here
    let dropped = 0;
    for (const script of template.content.querySelectorAll("script")) {
      if (isJavaScript(script) && (!nonce || script.getAttribute("nonce") !== nonce)) {
        script.remove();
        dropped += 1;
      }
    }
    if (dropped) {
      detail.serverResponse = template.innerHTML;
    }
  });

  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    const map = event.target.briefingsMap;
    if (map) {
      map.remove();
      delete event.target.briefingsMap;
    }
  });
})();
