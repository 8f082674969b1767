/** Where the tenant's people are, where attackers come from, and the address blocks each uses. */

export interface Place {
  readonly city: string;
  readonly state: string;
  /** Two-letter country code, as Entra reports countryOrRegion. */
  readonly country: string;
  readonly latitude: number;
  readonly longitude: number;
  /** UTC offset in minutes (standard time; daylight saving is not modelled). */
  readonly tzOffsetMinutes: number;
  /** First two octets of the address blocks used for this place. */
  readonly prefixes: readonly string[];
  /** First two groups of residential IPv6 blocks (some homes have IPv6). */
  readonly v6Prefixes?: readonly string[];
}

/** Head-office locations; a tenant takes one as its home and a second as a branch. */
export const OFFICE_PLACES: readonly Place[] = [
  { city: 'Seattle', state: 'Washington', country: 'US', latitude: 47.6062, longitude: -122.3321, tzOffsetMinutes: -480, prefixes: ['73.97', '24.16', '67.183'], v6Prefixes: ['2601:600', '2601:602'] },
  { city: 'New York', state: 'New York', country: 'US', latitude: 40.7128, longitude: -74.006, tzOffsetMinutes: -300, prefixes: ['68.173', '100.2', '74.101'], v6Prefixes: ['2600:4040', '2603:7000'] },
  { city: 'Chicago', state: 'Illinois', country: 'US', latitude: 41.8781, longitude: -87.6298, tzOffsetMinutes: -360, prefixes: ['98.212', '73.44', '50.204'], v6Prefixes: ['2601:240', '2600:1700'] },
  { city: 'London', state: 'England', country: 'GB', latitude: 51.5072, longitude: -0.1276, tzOffsetMinutes: 0, prefixes: ['81.149', '86.30', '92.40'], v6Prefixes: ['2a00:23c7', '2a02:c7c'] },
  { city: 'Paris', state: 'Ile-de-France', country: 'FR', latitude: 48.8566, longitude: 2.3522, tzOffsetMinutes: 60, prefixes: ['90.84', '82.64', '176.150'], v6Prefixes: ['2a01:e0a', '2a01:cb00'] },
  { city: 'Amsterdam', state: 'Noord-Holland', country: 'NL', latitude: 52.3676, longitude: 4.9041, tzOffsetMinutes: 60, prefixes: ['84.104', '77.161', '145.53'], v6Prefixes: ['2a02:a46', '2001:1c00'] },
];

/** Origins of the attacker's infrastructure (VPS and residential proxies abroad). */
export const ATTACKER_PLACES: readonly Place[] = [
  { city: 'Lagos', state: 'Lagos', country: 'NG', latitude: 6.4531, longitude: 3.3958, tzOffsetMinutes: 60, prefixes: ['102.89', '105.112'] },
  { city: 'Bucharest', state: 'Bucuresti', country: 'RO', latitude: 44.4268, longitude: 26.1025, tzOffsetMinutes: 120, prefixes: ['5.2', '89.38'] },
  { city: 'Ho Chi Minh City', state: 'Ho Chi Minh', country: 'VN', latitude: 10.8231, longitude: 106.6297, tzOffsetMinutes: 420, prefixes: ['113.161', '171.243'] },
  { city: 'Sao Paulo', state: 'Sao Paulo', country: 'BR', latitude: -23.5505, longitude: -46.6333, tzOffsetMinutes: -180, prefixes: ['177.54', '191.96'] },
  { city: 'Moscow', state: 'Moscow', country: 'RU', latitude: 55.7558, longitude: 37.6173, tzOffsetMinutes: 180, prefixes: ['91.243', '185.173'] },
];

/** Mobile carrier blocks (phones roam off the office network). */
export const MOBILE_PREFIXES: readonly string[] = ['172.58', '174.204', '166.198', '107.77'];

/** Microsoft service addresses seen as the client of app-only and system access. */
export const MICROSOFT_SERVICE_IPV6_PREFIXES: readonly string[] = ['2603:10b6:5:', '2603:10b6:208:', '2603:1036:4:', '2a01:111:f400:'];

/** Cloud regions where vendors' apps run (service principal sign-ins, app-only mail access). */
export const DATACENTER_PLACES: readonly Place[] = [
  { city: 'Boydton', state: 'Virginia', country: 'US', latitude: 36.6676, longitude: -78.3875, tzOffsetMinutes: -300, prefixes: ['20.42', '52.167'] },
  { city: 'Dublin', state: 'Dublin', country: 'IE', latitude: 53.3498, longitude: -6.2603, tzOffsetMinutes: 0, prefixes: ['20.54', '52.169'] },
];
