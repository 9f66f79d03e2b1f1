/**
 * Plaid Link in the page. With Plaid itself the script is Plaid's link-initialize.js; locally our
 * Plaid sandbox serves an emulator of it at the same path. The API tells which URL (from PLAID_ENV);
 * everything else here is the same for both.
 */
export interface PlaidLinkMetadata {
  institution?: { name: string; institution_id: string } | null;
  accounts?: { id: string; name: string; mask: string | null }[];
  link_session_id?: string;
}

export interface PlaidLinkHandler {
  open(): void;
  exit(options?: { force?: boolean }): void;
  destroy(): void;
}

interface PlaidGlobal {
  create(config: {
    token: string;
    onSuccess(publicToken: string, metadata: PlaidLinkMetadata): void;
    onExit(error: { error_code?: string; display_message?: string | null } | null, metadata: PlaidLinkMetadata): void;
    onEvent?(eventName: string, metadata: unknown): void;
    onLoad?(): void;
  }): PlaidLinkHandler;
}

declare global {
  interface Window {
    Plaid?: PlaidGlobal;
  }
}

const loading = new Map<string, Promise<PlaidGlobal>>();

/** Loads the Link script once per URL and resolves with window.Plaid. */
export function loadPlaidLink(scriptUrl: string): Promise<PlaidGlobal> {
  let p = loading.get(scriptUrl);
  if (!p) {
    p = new Promise<PlaidGlobal>((resolve, reject) => {
      if (window.Plaid) return resolve(window.Plaid);
      const s = document.createElement('script');
      s.src = scriptUrl;
      s.async = true;
      s.onload = () => (window.Plaid ? resolve(window.Plaid) : reject(new Error('Plaid Link did not load.')));
      s.onerror = () => {
        loading.delete(scriptUrl);
        reject(new Error("We couldn't load the bank connection window. Check your connection and try again."));
      };
      document.head.appendChild(s);
    });
    loading.set(scriptUrl, p);
  }
  return p;
}

export type LinkOutcome = { kind: 'success'; publicToken: string; metadata: PlaidLinkMetadata } | { kind: 'exit'; error: { display_message?: string | null } | null };

/** Opens Link with a token and resolves when the customer finishes or leaves. */
export async function openPlaidLink(scriptUrl: string, token: string): Promise<LinkOutcome> {
  const Plaid = await loadPlaidLink(scriptUrl);
  return new Promise((resolve) => {
    const handler = Plaid.create({
      token,
      onSuccess: (publicToken, metadata) => {
        resolve({ kind: 'success', publicToken, metadata });
        handler.destroy();
      },
      onExit: (error) => {
        resolve({ kind: 'exit', error });
        handler.destroy();
      },
    });
    handler.open();
  });
}
