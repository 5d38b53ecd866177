// One colour per service, the same on every page and every load (a hash of the name).
const PALETTE = [
  '#3b82f6', '#f59e0b', '#10b981', '#a855f7', '#ef4444', '#06b6d4',
  '#84cc16', '#ec4899', '#f97316', '#6366f1', '#14b8a6', '#eab308',
];

export function serviceColor(service: string): string {
  let h = 0;
  for (let i = 0; i < service.length; i++) h = (h * 31 + service.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}
