"""The peer of the CSV actuals read in benches/ledger.rs: pandas read_csv + groupby
doing the same sums (per period, account and project), as an analyst would."""
import sys

import pandas as pd

df = pd.read_csv(
    sys.argv[1],
    sep=";",
    decimal=",",
    dtype={"Period": str, "Konto": str, "Projekt": str, "Ansvar": str},
)
sums = df.groupby(["Period", "Konto", "Projekt"], dropna=False)["Belopp"].sum()
print(len(sums), sums.sum())
