export declare const BUNDLE: string;
export declare function bundleIsCurrent(bundle?: string): boolean;
export declare function bundle(entry: string, outfile: string): Promise<void>;
export declare function buildServer(outfile?: string): Promise<void>;
