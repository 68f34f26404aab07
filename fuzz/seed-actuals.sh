#!/bin/sh
# Seeds fuzz/corpus/actuals (git-ignored) for the `actuals` target: small SIE, CSV,
# HTML-page, Excel 2003 XML and by-month report inputs in every spelling the ledger tests cover, plus any files given as arguments
# (e.g. SIE-Gruppen's published SIE test files).
set -eu
cd "$(dirname "$0")/.."
out=fuzz/corpus/actuals
mkdir -p "$out"
printf '#FLAGGA 0\n#SIETYP 3\n#PSALDO 0 202304 4010 {} 1000\n#PSALDO 0 202304 4010 {6 "P1"} 300\n#PSALDO 0 202304 4010 {1 "100" 6 "P1"} 120\n#PSALDO 0 202304 4010 {1 "100"} 600\n' > "$out/typ3.se"
printf '#FLAGGA 0\r\n#PSALDO\t0\t202303\t4010\t{6\tS\216LJ}\t300\t5\r\n#PSALDO 0 202304 4010 {1 10 6 Bilen 2 KAZ747} -40.25\r\n#PBUDGET 0 202301 4010 -100000\r\n' > "$out/spellings.se"
printf '#FLAGGA 0\n#SIETYP 4\n#VER A 1 20230115 "In\\"k\\"\xf6p"\n{\n#TRANS 4010 {1 "100" 6 "P1"} 100.00\n#RTRANS 4010 {} 30\n#TRANS 4010 {} 30\n#BTRANS 4010 {} 7\n#TRANS 4010 {6 "P1"} 50 20230220 "x"\n}\n' > "$out/typ4.se"
printf '#FLAGGA 0\n#KSUMMA\n#PSALDO 0 202301 4010 {6 "P1"} 10.50\n#KSUMMA 1234\n' > "$out/ksumma.se"
printf '#FLAGGA 0\n#PSALDO 0 202301 4010 {} 12,50\n#PSALDO 0 202313 4010 {} 1\n#PSALDO 0 202301 4010 {6 "P1" 1\n#PSALDO 0 202301 4010 {6} 1\n' > "$out/bad.se"
printf 'Rapport\n;\nPeriod;Konto;Projekt;Belopp;Budget\n202301;4010;P1;-1 234,50;2000\n2023-02;4010;V\344lf\344rd;1234.50;\n202302;4010;;3,900;\n' > "$out/semicolon.csv"
printf '\357\273\277Konto,Period,Belopp,Projekt\n4010,202301,"1234,50",P1\n' > "$out/comma.csv"
printf 'Projekt\tKonto\tUtfall\tPeriod\nP1\t4010\t12\t202303\n' > "$out/tab.csv"
printf 'Period;Konto;Projekt;Debet;Kredit\r\n202301;4010;P1;1 000,00;\r\n202301;4010;P1;;250,50-\r\n202301;4010;P1;(100);x\r\nSumma;;;1 000,00;250,50\r\n' > "$out/debet-kredit.csv"
printf '<html><head><meta charset="windows-1252"></head><body><table><tr><td colspan=3>Huvudbok</td></tr>\n<tr><th>Period<th>Konto<th>Projekt<th>Belopp\n<tr><td rowspan=2>202301<td>4010<td>V\344xj\366<td x:num="1234.5">1&nbsp;235\n<tr><td>4010<td><table><tr><td>x</table><td sdval="-2">-2\n<tr><td>Summa<td><td><td>1&nbsp;232,50</table></body></html>\n' > "$out/export.xls.html"
printf '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="U"><Table><Row ss:Index="2"><Cell><Data ss:Type="String">Period</Data></Cell><Cell><Data ss:Type="String">Konto</Data></Cell><Cell><Data ss:Type="String">Projekt</Data></Cell><Cell><Data ss:Type="String">Belopp</Data></Cell></Row><Row><Cell><Data ss:Type="DateTime">2023-01-31T00:00:00</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="Number">4010</Data></Cell><Cell ss:Formula="=1"><Data ss:Type="Number">1.5E2</Data></Cell></Row></Table><WorksheetOptions><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet></Workbook>\n' > "$out/export-2003.xml"
printf '#FLAGGA 0\r#SIETYP 4\r#VER A 1 20230432\r{\r#TRANS 4010 {6 "P1"} 100.00\r#TRANS 4010 {} 5 20230431\r}\r#VER A 2 20230415\r{\r#TRANS 4010 {} 1\r\n}\n' > "$out/mac-cr.se"
printf 'Period;Konto;Projekt;Belopp\r2023-04-31;="6550";'"'"'P1;1.234.567\r202304;6550;P1;(1 234,50 kr)\r202304;6550;P1;kr 1 000,00\r202304;6550;P1;1,2345E+03\r' > "$out/mac-cr.csv"
printf 'Utfall per m\345nad\nKonto;Projekt;Namn;jan 2023;2023-02;202303;mar-23;Totalt\n6550;P1;x;1 000,50;;3,900;;1\nSumma;;;1 000,50;;;;\n;;;\n' > "$out/by-month.csv"
printf '\303\205r;Konto;Projekt;Jan;Feb;Mar\n2023;6550;P1;1;2;3\n23;6550;P1;1;;\nTotalt;;;2;2;3\n' > "$out/by-month-year.csv"
printf 'Konto;Projekt;Utfall jan 2023;Budget jan 2023;2023-02 Utfall;Bud. feb 2023;Budget mar 2023;Utfall totalt;Budget totalt;2023-01 Prognos\n6550;P1;1;2;3;x;4;4;6;9\nSumma;;1;2;3;;;;;\n' > "$out/by-month-budget.csv"
printf 'Rapport\n;;Utfall 2023;;;Budget;;\nKonto;Projekt;jan;feb;Summa;jan 2023;feb 2023;Totalt\n6550;P1;1;2;3;4;5;8\n;;;;;;;\n' > "$out/by-month-two-rows.csv"
printf ';;jan 2023;;feb 2023;\nKonto;Projekt;Utfall;Budget;Utfall;Budget\n6550;P1;1;2;3;4\n' > "$out/by-month-pairs.csv"
for f in "$@"; do cp "$f" "$out/"; done
ls "$out" | wc -l
