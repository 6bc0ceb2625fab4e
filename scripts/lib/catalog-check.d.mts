type Catalog = { [key: string]: unknown };
export function flatten(tree: Catalog, prefix?: string): Map<string, unknown>;
export function argumentsOf(message: unknown): { names: string[]; error?: undefined } | { error: string; names?: undefined };
export function compareCatalogs(source: Catalog, catalog: Catalog, options?: { partial?: boolean }): string[];
