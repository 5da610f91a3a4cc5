import { z } from "zod";
import { safeReturnPath } from "./return-url";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.");

export const signInSchema = z.object({
  email: emailSchema,
  // Only same-site paths: never an open redirect (return-url.ts).
  callbackUrl: z
    .string()
    .optional()
    .transform((v) => safeReturnPath(v)),
});
