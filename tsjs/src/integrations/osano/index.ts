import { installOsanoMirror } from "./mirror";

installOsanoMirror(window);
