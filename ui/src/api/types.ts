// Shapes of the server's JSON answers (docs/api.md, docs/metrics.md, docs/alerting.md).

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export interface TraceSummary {
  traceId: string;
  rootService: string;
  rootName: string;
  startTimeUnixNano: string;
  durationNanos: number;
  spanCount: number;
  errorCount: number;
  services: string[];
}

export interface Page<T> {
  nextCursor: string | null;
  items: T[];
}

export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

export interface Scope extends Resource {
  name: string;
  version: string;
}

export interface SpanEvent {
  timeUnixNano: string;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  flags: number;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  adjustedCount: number;
  flags: number;
  name: string;
  kind: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationNanos: number;
  service: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message: string };
  resource: Resource;
  scope: Scope;
}

export interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: AttrValue;
  service: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  traceId: string;
  spanId: string;
  flags: number;
  eventName: string;
  resource: Resource;
  scope: Scope;
}

export interface TraceDetail {
  traceId: string;
  spans: Span[];
  logs: LogRecord[];
}

export interface Session {
  name: string;
  tenant: string;
  role: string;
  permissions: string[];
}

// Prometheus HTTP API
export type Labels = Record<string, string>;
export interface MatrixSeries {
  metric: Labels;
  values: [number, string][];
}
export interface VectorSample {
  metric: Labels;
  value: [number, string];
}
export type InstantData =
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'matrix'; result: MatrixSeries[] }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

export interface ActiveAlert {
  labels: Labels;
  annotations: Labels;
  state: string;
  activeAt: string;
  firedAt?: string;
  value: string;
}

export interface Rule {
  name: string;
  query: string;
  labels: Labels;
  health: string;
  lastError: string;
  lastEvaluation: string;
  type: 'alerting' | 'recording';
  state?: string;
  duration?: number;
  annotations?: Labels;
  alerts?: ActiveAlert[];
}

export interface RuleGroup {
  name: string;
  file: string;
  interval: number;
  rules: Rule[];
}

export interface Silence {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  updatedAt: string;
  state: string;
}
