// "@/config" is an alias the extension's own bundler setup knows and dxhost does not.
import { config } from "@/config";

export default () => config;
