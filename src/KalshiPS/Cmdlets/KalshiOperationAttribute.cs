using System;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Names the operations of Kalshi's OpenAPI spec (operation ids as in tests/fixtures/kalshi-openapi-operations.tsv)
    /// that this cmdlet is the typed front for, so no user needs Invoke-KalshiRequest for them. The one source of truth
    /// for docs/api-coverage.md; a module test checks every id against the spec's list.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    internal sealed class KalshiOperationAttribute : Attribute
    {
        public KalshiOperationAttribute(params string[] operationIds) { OperationIds = operationIds; }

        public string[] OperationIds { get; }
    }
}
