import type { Localized } from '../i18n';

/** Texts of the project card's and form's InLoox extras: favorites, numbers, categories, locks, copies, AI. */
export const PROJECT_EXTRA_STRINGS = {
  favoriteState: { en: '★ Favorite', de: '★ Favorit' },
  actionFavorite: { en: '☆ Star', de: '☆ Favorit' },
  actionUnfavorite: { en: '★ Unstar', de: '★ Kein Favorit' },
  favoriteAdded: { en: 'Added to your favorites.', de: 'Zu Ihren Favoriten hinzugefügt.' },
  favoriteRemoved: { en: 'Removed from your favorites.', de: 'Aus Ihren Favoriten entfernt.' },
  favoritesTitle: { en: 'My favorite projects', de: 'Meine Favoriten' },
  favoritesEmpty: {
    en: 'No favorites yet. Open a project and choose "☆ Star".',
    de: 'Noch keine Favoriten. Öffnen Sie ein Projekt und wählen Sie „☆ Favorit“.',
  },
} satisfies Record<string, Localized>;
