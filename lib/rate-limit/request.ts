import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/net/client-address";

/** The current request's client address, or undefined outside a request (worker, scripts). */
export async function currentClient(): Promise<string | undefined> {
  try {
    return clientAddress(await headers());
  } catch {
    return undefined;
  }
}
