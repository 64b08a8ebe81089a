// The leaflet's "Udskriv" button. It stays hidden without JavaScript, where the browser's own
// print command does the same; the CSP forbids inline handlers, hence this file.
document.querySelectorAll('[data-print-button]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    window.print();
  });
});
