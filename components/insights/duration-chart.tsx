"use client";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Median and p90 of one "time to …" per month, in minutes; months without data are gaps. */
export function DurationChart({
  data,
}: {
  data: { month: string; median: number | null; p90: number | null }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart
        accessibilityLayer={false}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} />
        <YAxis tick={{ fontSize: 12 }} unit=" m" />
        <Tooltip formatter={(v) => (typeof v === "number" ? `${v} min` : "—")} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          type="monotone"
          dataKey="median"
          name="Median"
          stroke="#1d4ed8"
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="p90"
          name="p90"
          stroke="#b45309"
          strokeWidth={2}
          strokeDasharray="5 3"
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
