// Types for server.mjs (plain JavaScript so the demo can run it without a TypeScript step).

export declare const DEFAULT_FIXTURES_DIR: string;
export declare const TASS_HOSTS: readonly string[];
export declare const ROUTES: Readonly<Record<string, Readonly<Record<string, string>>>>;
export declare const LONG_ARTICLE: {
  readonly host: string;
  readonly path: string;
  readonly minBytes: number;
};

export interface ServedRequest {
  method: string;
  host: string;
  path: string;
  status: number;
}

export interface FixtureServer {
  readonly port: number;
  /** The most recent requests (bounded), for diagnosing a failing test. */
  readonly requests: readonly ServedRequest[];
  /** Stops listening and closes every open connection. Idempotent. */
  close(): Promise<void>;
}

export declare function startServer(options?: {
  port?: number;
  fixturesDir?: string;
  verbose?: boolean;
  /** Pages the test makes itself: the HTML for a host and path, or null to serve the fixtures. */
  extraPage?: (host: string, path: string) => string | null;
}): Promise<FixtureServer>;

export declare function chromiumHostRules(port: number): string;
export declare function chromiumArgs(port: number, extensionDir?: string): string[];
export declare function firefoxProxyPrefs(port: number): Record<string, string | number | boolean>;
export declare function buildLongArticle(seedHtml: string, minBytes?: number): string;
