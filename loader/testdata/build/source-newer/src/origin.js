export const origin = "source";
