// Package match is Tsunagu's matching engine: how well a talent fits a
// project (with reasons a person can read), ranking a large talent pool for
// one project, and allocating a cohort of entrants to projects. It is pure:
// no I/O, no clock, no mutable globals, and it imports no other Tsunagu
// package, so callers translate their domain types into the plain ones
// here.
//
// # Fit score
//
// A fit score is an integer from 0 to 1000. It is the weighted mean of up
// to five parts, each scored 0..1000:
//
//   - Skills. Each skill the project asks for carries a weight: its rarity
//     in the pool, 1 + ln((N+1)/(df+1)) (smoothed inverse document
//     frequency; N talents in the pool, df of them hold the skill), doubled
//     for a required skill. A talent earns the full weight of a skill held
//     at or above the level asked, half of it one level below, a quarter two
//     levels below. The part is 1000 × earned / total weight. A rare skill
//     therefore counts for more than a common one.
//   - SDGs. The number of goals shared with the project, with full marks at
//     min(3, project's goals): 1000 × min(shared, target) / target.
//   - Hours. 1000 when the talent's monthly hours cover the project's,
//     otherwise in proportion (10 of 20 hours gives 500); 500 when the
//     talent did not state hours. Hours above 255 a month count as 255.
//   - Place. A remote project gives everyone 1000 and ignores distance. An
//     on-site project scores the great-circle distance from the talent's
//     home: 1000 within 10 km, falling linearly to 0 at 100 km; 0 for a
//     talent who only works remotely; 300 when either location is unknown.
//     A hybrid project scores 400 + 600 × the same distance factor; 400 for
//     a remote-only talent; 500 when a location is unknown.
//   - Affinity. The talent's strongest tie to the project's municipality:
//     lives there 1000, works there 800, born or raised there 700,
//     supporter 400, none 0. Living there ranks first because such a talent
//     can meet the host at short notice; a hometown tie (出身) is the reason
//     many side-jobbers join, and is placed above a supporter's.
//
// A part the project does not use (no skills, no SDGs, no hours, no
// municipality) drops out and the others share its weight. The scan works
// in fixed point (1/65536 of a point) and rounds once at the end; the
// distance factor is kept to 1/1024.
//
// # Default weights
//
// DefaultWeights is Skills 45, Place 20, Hours 15, SDGs 10, Affinity 10:
//
//   - Skills are why a host posts a project, so they weigh most, yet under
//     half, so a near match in skills who can come to the workshop can beat
//     a perfect match who cannot.
//   - Place is next: for on-site work it decides whether the talent can take
//     part at all.
//   - Hours matter (a side job has little time), but hosts negotiate them.
//   - SDGs and affinity are motivation: enough to lift a hometown talent
//     (a Born tie adds 70 points) over an equal stranger, not enough to hide
//     a clear gap in skills.
//
// A program may set its own Weights; only their ratios matter.
//
// # Ranking
//
// A Pool holds talent profiles sorted by ID in compact columns. Skills and
// affinities are kept as posting lists: per skill code and per
// municipality, the talents that have it, each as one uint32 (talent index
// and a 2-bit level or kind); rarity (IDF) comes from the posting lengths.
// Per talent there is one 32-bit word (SDGs as a bit set, hours, two
// flags) and the home as a float32 unit vector.
//
// Ranking compiles the project into weighted lookup tables in fixed point,
// adds each asked skill's and the municipality's value along their posting
// lists into one int32 per talent, then scans all talents adding the SDGs,
// hours and place base by table lookups. Only a talent that could still
// beat the k-th best with full marks for distance goes on to compute it (a
// square root); the best k are kept in a heap, and reasons are worked out
// for those k only. TopK allocates nothing in proportion to the pool: the
// per-talent buffer is reused.
//
// # Allocation
//
// Stable and Optimal allocate entrants who rank projects to those projects.
// Stable is talent-proposing deferred acceptance with capacities: no talent
// and project would both rather be together, and every talent gets the best
// project it can have in any stable allocation. Optimal first assigns as
// many talents as possible, then maximises the total score, by min-cost
// flow (cost-scaling push-relabel), and honours pinned and forbidden pairs,
// per-project minimums and attribute quotas.
package match
