export interface DoctorTarget {
  host: string;
  port: number;
  mode: 'implicit' | 'starttls' | 'none';
  caFile?: string;
}

export interface DoctorPush {
  enabled: boolean;
  subject?: string;
  source: 'dovecot' | 'idle' | null;
  secret: boolean;
  remote: boolean;
  idleMax: number;
}

export function readConfig(source: Record<string, string | undefined>): {
  problems: string[];
  push: DoctorPush;
  imap: DoctorTarget;
  smtp: DoctorTarget;
  redisUrl?: string;
  user?: string;
  pass?: string;
};
