/**
 * A tile map of Tokyo's 23 special wards: one square per ward on a grid that keeps each ward next to
 * its neighbours (north up), so the map reads like Tokyo without drawing its borders.
 * Columns run west → east, rows north → south.
 */
export const wardTiles: Record<string, { col: number; row: number }> = {
  nerima: { col: 1, row: 1 },
  itabashi: { col: 2, row: 1 },
  kita: { col: 3, row: 1 },
  adachi: { col: 4, row: 1 },
  katsushika: { col: 5, row: 1 },
  suginami: { col: 0, row: 2 },
  nakano: { col: 1, row: 2 },
  toshima: { col: 2, row: 2 },
  bunkyo: { col: 3, row: 2 },
  arakawa: { col: 4, row: 2 },
  setagaya: { col: 0, row: 3 },
  shibuya: { col: 1, row: 3 },
  shinjuku: { col: 2, row: 3 },
  chiyoda: { col: 3, row: 3 },
  taito: { col: 4, row: 3 },
  sumida: { col: 5, row: 3 },
  edogawa: { col: 6, row: 3 },
  meguro: { col: 1, row: 4 },
  minato: { col: 2, row: 4 },
  chuo: { col: 3, row: 4 },
  koto: { col: 4, row: 4 },
  ota: { col: 1, row: 5 },
  shinagawa: { col: 2, row: 5 },
};
