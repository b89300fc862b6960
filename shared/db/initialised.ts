/** Anything with a schema to migrate and a connection to release. */
export interface Initialisable {
  init(): Promise<void>;
  close(): Promise<void>;
}

/** Runs init(); a store that fails to initialise is closed again, so no half-open connection stays behind. */
export async function initialised<T extends Initialisable>(store: T): Promise<T> {
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
