# Merges transport-study runs.csv files: every *complete* (problem, d, seed, group) of the new files (9 HyCNN
# configurations, 3 of an ICNN variant or of entropic OT, each once per learning rate when the labels end in -lrX)
# replaces or adds the rows of that group in the old file; incomplete new groups are dropped, so no group is ever
# selected among a partial grid.
# Usage: python3 Scripts/transport_merge_runs.py OLD.csv OUT.csv NEW.csv [NEW.csv ...]; then
# icnn experiment transport --table-only --out FOLDER (with OUT.csv as FOLDER/runs.csv).
import csv, collections, sys
old_path, out_path, news = sys.argv[1], sys.argv[2], sys.argv[3:]
size = {'HyCNN': 9, 'entropic OT': 3}
old = list(csv.DictReader(open(old_path)))
header = list(csv.DictReader(open(news[0])).fieldnames)
new = [r for p in news for r in csv.DictReader(open(p))]
groups = collections.defaultdict(list)
for r in new: groups[(r['problem'], r['d'], r['seed'], r['group'])].append(r)
def rates(rows):
    return {r['method'].rsplit('-lr', 1)[1] if '-lr' in r['method'] else '' for r in rows}
complete = {k: v for k, v in groups.items() if len(v) == size.get(k[3], 3) * len(rates(v))}
for k, v in sorted(groups.items()):
    print(('kept   ' if k in complete else 'dropped'), k, len(v), file=sys.stderr)
rows = [r for r in old if (r['problem'], r['d'], r['seed'], r['group']) not in complete]
rows += [r for v in complete.values() for r in v]
w = csv.DictWriter(open(out_path, 'w'), fieldnames=header, restval='nan', lineterminator='\n')
w.writeheader()
for r in rows: w.writerow({k: r.get(k, 'nan') for k in header})
print(len(old), 'old rows,', len(rows), 'merged', file=sys.stderr)
