/** An antd form submitted to the API: field issues show under their fields, anything else in an alert above. */
import { Alert, Form } from 'antd';
import { useState } from 'react';
import { formErrorOf } from './form-errors';

export function useServerForm<T>(fieldNames: readonly string[]) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string | null>(null);
  return {
    form,
    setError,
    /** For useMutation: clear the alert when a submit starts, fill it (and the fields) when it fails. */
    onMutate: () => setError(null),
    onError: (e: unknown) => setError(formErrorOf(form, e, fieldNames)),
    errorAlert: error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null,
  };
}
