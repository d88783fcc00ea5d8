import { useState } from 'react';
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { approvals } from '../api/client';
import type { ApprovalsSchemas } from './types';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

type Request = ApprovalsSchemas['RequestResponse'];

/** Approve or reject the current step, with an optional comment; the API decides whether the caller may. */
export function DecisionForm({ requestId, onDecided }: { requestId: string; onDecided: (request: Request) => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(decision: 'approve' | 'reject') {
    setBusy(true);
    setProblem(null);
    const { data, error } = await approvals.POST('/requests/{requestId}/decision', {
      params: { path: { requestId } },
      body: { decision, comment: comment.trim() === '' ? null : comment },
    });
    setBusy(false);
    if (data) onDecided(data);
    else setProblem(asProblem(error));
  }

  return (
    <Stack>
      {problem && !fieldError(problem, 'comment') && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      <Textarea label={t('request.decide.comment')} value={comment} maxLength={2000} autosize minRows={2}
        onChange={(e) => setComment(e.currentTarget.value)} error={fieldError(problem, 'comment')} />
      <Group>
        <Button loading={busy} onClick={() => decide('approve')}>{t('request.decide.approve')}</Button>
        <Button variant="default" loading={busy} onClick={() => decide('reject')}>{t('request.decide.reject')}</Button>
      </Group>
    </Stack>
  );
}
