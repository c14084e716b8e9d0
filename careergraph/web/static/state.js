// What the page shows now: the map, the paths found, the selected position and the keyboard cursor.

export const state = { cy: null, paths: [], pathIndex: 0, selected: null, cursor: null };
