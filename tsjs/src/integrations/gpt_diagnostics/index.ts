import { installGptDiagnostics } from "./install";

installGptDiagnostics(window);
