// Served instead of the webjar's own config.js: the application's classes come first on the class path.
// French whatever the browser's language; dates are shown in the browser's time zone (see Tasklist's config.js).
export default {
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  }
};
