// A JSON value built in SQL (json_build_object, json_agg) reaches us parsed through a PostgreSQL server's driver and
// as text through the embedded database's adapter; every raw query that returns JSON reads it through this.
export function jsonColumn<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
