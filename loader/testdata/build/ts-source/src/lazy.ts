export const extra: number = 100;
