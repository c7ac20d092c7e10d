package clv

// Row-by-row log-likelihoods, the reference the fits' compressed
// evaluations are checked against, for the black-box tests.
var (
	BGNBDLogLikelihood      = BGNBD.logLikelihoodOf
	GammaGammaLogLikelihood = GammaGamma.logLikelihoodOf
	Pearson                 = clvPearson
)

// ParetoNBDLogLikelihood is the row-by-row Pareto/NBD log-likelihood.
var ParetoNBDLogLikelihood = ParetoNBD.logLikelihoodOf

// BGBBLogLikelihood is the row-by-row BG/BB log-likelihood.
var BGBBLogLikelihood = BGBB.logLikelihoodOf
