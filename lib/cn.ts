// One way to combine class names: clsx for conditions, tailwind-merge so a caller's class
// replaces the component's default for the same property (className="py-1" wins over "py-2")
// instead of both applying and the stylesheet order deciding.
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
