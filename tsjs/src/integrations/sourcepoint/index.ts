import { installSourcepointGuard } from "./guard";

installSourcepointGuard(window);
