export declare const BUNDLE: string;
export declare const CLUSTER_BUNDLE: string;
export declare const SANITIZE_WORKER_BUNDLE: string;
export declare const SERVER_NODE_FLAGS: string[];
export declare const SERVER_ENV: Record<string, string>;
export declare function bundleIsCurrent(bundle?: string): boolean;
export declare function bundle(entry: string, outfile: string, define?: Record<string, string>): Promise<void>;
export declare function sanitizeWorkerDefine(workerBundle?: string): Record<string, string>;
export declare function buildServer(): Promise<void[]>;
