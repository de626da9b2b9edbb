export const helper = "h";
