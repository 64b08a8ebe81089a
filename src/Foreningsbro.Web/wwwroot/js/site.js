// Det Fælles Designsystem's components (accordions, menus) need their script started once.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}
