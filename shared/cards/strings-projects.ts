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
  lockedState: { en: '🔒 Locked in InLoox: no changes', de: '🔒 In InLoox gesperrt: keine Änderungen' },
  noNotificationsState: { en: '🔕 No notifications', de: '🔕 Keine Benachrichtigungen' },
  projectLockedTitle: { en: 'Project is locked', de: 'Projekt ist gesperrt' },
  projectLockedText: {
    en: '"{name}" is locked in InLoox, so it cannot be changed here. Ask a project manager to unlock it in InLoox.',
    de: '„{name}“ ist in InLoox gesperrt und kann hier nicht geändert werden. Bitten Sie die Projektleitung, es in InLoox zu entsperren.',
  },
  fieldCategories: { en: 'Categories', de: 'Kategorien' },
  actionDuplicate: { en: 'Duplicate', de: 'Duplizieren' },
  projectCopied: {
    en: 'Copy created: this is the new project. Rename it right here with Edit.',
    de: 'Kopie erstellt: Das ist das neue Projekt. Mit „Bearbeiten“ können Sie es gleich umbenennen.',
  },
  categoryFilterTitle: { en: 'Projects in category "{name}"', de: 'Projekte der Kategorie „{name}“' },
} satisfies Record<string, Localized>;
