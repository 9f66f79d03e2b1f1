import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Loading } from '@/components/ui/spinner';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { useApplication, useApplications, useApply } from '../api/applications';
import { Decision } from './decision';
import { ProgressChecklist } from './progress-checklist';

/** Apply with one button, watch the steps live, then the decision in plain words. */
export function ApplyPage() {
  const navigate = useNavigate();
  const { applicationId } = useParams();
  const list = useApplications();
  const latestId = applicationId ?? list.data?.items[0]?.id;
  const application = useApplication(latestId);
  const apply = useApply();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const status = application.data?.status;

  // Tell screen-reader users the outcome as soon as it arrives.
  useEffect(() => {
    if (status && status !== 'running') headingRef.current?.focus();
  }, [status]);

  const start = () =>
    apply.mutate(crypto.randomUUID(), {
      onSuccess: (a) => navigate(`/apply/${a.id}`, { replace: true }),
    });

  if (list.isPending || (latestId && application.isPending)) return <Loading />;
  const noBank = apply.error instanceof ApiError && apply.error.slug === 'no-linked-bank';

  if (!latestId || apply.isPending) {
    return (
      <>
        <h1>See what you can get</h1>
        {apply.error && (
          <Alert tone="error">
            {errorMessage(apply.error)}{' '}
            {noBank && (
              <Button variant="link" onClick={() => navigate('/link')}>
                Link your bank
              </Button>
            )}
          </Alert>
        )}
        <Card>
          <p>We review the last 90 days of your linked account: your paychecks, your spending and your balance. It takes a few seconds and doesn&rsquo;t affect your credit score.</p>
          <Button block onClick={start} busy={apply.isPending}>
            {apply.isPending ? 'Starting…' : 'Check my eligibility'}
          </Button>
        </Card>
      </>
    );
  }

  const a = application.data!;
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {a.status === 'running' ? 'Reviewing your application…' : a.status === 'approved' ? 'Your limit' : 'Your application'}
      </h1>
      {application.error && <Alert tone="error">{errorMessage(application.error)}</Alert>}
      {apply.error && <Alert tone="error">{errorMessage(apply.error)}</Alert>}
      {a.status === 'running' ? (
        <Card>
          <p aria-live="polite">This usually takes a few seconds. You can leave this page; we&rsquo;ll keep going.</p>
          <ProgressChecklist application={a} />
        </Card>
      ) : (
        <Decision application={a} onApplyAgain={start} />
      )}
    </>
  );
}
