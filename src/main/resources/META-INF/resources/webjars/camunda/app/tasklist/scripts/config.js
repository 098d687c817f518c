// Served instead of the webjar's own config.js: the application's classes come first on the class path.
// French whatever the browser's language; dates are formatted by the webapp's moment.js in the browser's
// time zone (Europe/Paris on a French workstation, named in the footer), from the engine's UTC-offset dates.
export default {
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  // the welcome message points to Camunda's welcome page, which heads have no use for
  disableWelcomeMessage: true,
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'réclame la tâche sélectionnée'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'place le curseur sur le premier filtre de la liste'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'place le curseur sur la première tâche de la liste'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'place le curseur sur le premier champ du formulaire de la tâche'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'ouvre la fenêtre « Démarrer un processus »'
    }
  }
};
