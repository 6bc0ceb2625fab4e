export interface DoctorTarget {
  host: string;
  port: number;
  mode: 'implicit' | 'starttls' | 'none';
  caFile?: string;
}

export function readConfig(source: Record<string, string | undefined>): {
  problems: string[];
  imap: DoctorTarget;
  smtp: DoctorTarget;
  redisUrl?: string;
  user?: string;
  pass?: string;
};
