/*
 * The public offer page of the Familienwegweiser: the map (Leaflet, vendored) and the print
 * button. Both are additions: without JavaScript the page shows the address, a link to
 * OpenStreetMap and the browser's own print command still works.
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  function showMap() {
    var element = document.getElementById("karte");
    if (!element || !window.L) {
      return;
    }
    var lat = parseFloat(element.dataset.lat);
    var lng = parseFloat(element.dataset.lng);
    if (!isFinite(lat) || !isFinite(lng) || !element.dataset.tiles) {
      return;
    }
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.dataset.label || "");
    var map = window.L.map(element, { scrollWheelZoom: false }).setView([lat, lng], 15);
    window.L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: escapeHtml(element.dataset.attribution || ""),
    }).addTo(map);
    window.L.marker([lat, lng], {
      title: element.dataset.label || "",
      alt: element.dataset.label || "",
      keyboard: false,
    }).addTo(map);
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showMap();
    printButtons();
  });
})();
